import { z } from 'zod';
import { orderCategories, urgencies, type Order, type OrderCategory, type ServiceDeadlines, type Urgency } from './order.js';

export type { ServiceDeadlines } from './order.js';

/**
 * 服务时限: once a craftsman has accepted, the first contact or visit is due within hours set by
 * urgency and the resolution within days set by category. Set per union org and inherited down the
 * tree like the matching policy. Before each deadline a reminder goes out, after it an escalation;
 * each exactly once per order (see {@link dueLimitTimers}).
 */
const hours = z.number().int().min(1, '时限至少 1 小时').max(24 * 30, '时限最多 720 小时');
const days = z.number().int().min(1, '时限至少 1 天').max(365, '时限最多 365 天');
export const serviceLimitsSchema = z.strictObject({
  firstContactHours: z.strictObject(Object.fromEntries(urgencies.map((u) => [u, hours])) as Record<Urgency, typeof hours>),
  resolutionDays: z.strictObject(Object.fromEntries(orderCategories.map((c) => [c, days])) as Record<OrderCategory, typeof days>),
  /** The reminder goes out when this share of the time is left (25: at three quarters of the time). */
  reminderLeadPercent: z.number().int().min(5, '提醒提前量为 5%–90%').max(90, '提醒提前量为 5%–90%'),
  /** 回访: days after closing when the follow-up task and the survey open. */
  followUpDays: z.number().int().min(1, '回访时间为 1–90 天').max(90, '回访时间为 1–90 天').default(7),
  /** 投诉: days staff have to handle a complaint after it is filed. */
  complaintDays: z.number().int().min(1, '投诉处理时限为 1–60 天').max(60, '投诉处理时限为 1–60 天').default(5),
});
export type ServiceLimits = z.infer<typeof serviceLimitsSchema>;

export const DEFAULT_SERVICE_LIMITS: ServiceLimits = {
  firstContactHours: { low: 72, normal: 48, high: 24, critical: 4 },
  resolutionDays: { technical_problem: 30, equipment_repair: 7, process_improvement: 30, skills_training: 30, mentoring: 90 },
  reminderLeadPercent: 25,
  followUpDays: 7,
  complaintDays: 5,
};

export const serviceLimitsId = (orgId: string) => `serviceLimits:${orgId}`;

export interface StoredServiceLimits {
  _id: string;
  limits: ServiceLimits;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

/** The limits that apply: the first of `candidates` (nearest org first) with its own, else the defaults. */
export function pickServiceLimits(stored: readonly StoredServiceLimits[], candidates: readonly string[]): { limits: ServiceLimits; source: string } {
  for (const id of candidates) {
    const found = stored.find((s) => s._id === id);
    if (found) return { limits: found.limits, source: id };
  }
  return { limits: DEFAULT_SERVICE_LIMITS, source: 'default' };
}

/** The two things due after acceptance. */
export const milestones = ['first_contact', 'resolution'] as const;
export type Milestone = (typeof milestones)[number];
export const milestoneLabels: Record<Milestone, string> = { first_contact: '首次联系/上门', resolution: '解决' };


const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function deadlinesFrom(acceptedAt: string, order: { urgency: Urgency; category: OrderCategory }, limits: ServiceLimits): ServiceDeadlines {
  const start = Date.parse(acceptedAt);
  const lead = limits.reminderLeadPercent / 100;
  const contactMs = limits.firstContactHours[order.urgency] * HOUR;
  const resolutionMs = limits.resolutionDays[order.category] * 24 * HOUR;
  return {
    firstContactDueAt: iso(start + contactMs),
    firstContactRemindAt: iso(start + Math.round(contactMs * (1 - lead))),
    resolutionDueAt: iso(start + resolutionMs),
    resolutionRemindAt: iso(start + Math.round(resolutionMs * (1 - lead))),
  };
}

/** One timer of an order: a reminder before or an escalation after a milestone's deadline. */
export const limitTimers = ['first_contact.reminder', 'first_contact.escalation', 'resolution.reminder', 'resolution.escalation'] as const;
export type LimitTimer = (typeof limitTimers)[number];

export const milestoneOf = (timer: LimitTimer): Milestone => timer.split('.')[0] as Milestone;
export const isEscalation = (timer: LimitTimer) => timer.endsWith('.escalation');

/** When a timer goes off. */
export function timerAt(deadlines: ServiceDeadlines, timer: LimitTimer): string {
  const m = milestoneOf(timer);
  const due = m === 'first_contact' ? deadlines.firstContactDueAt : deadlines.resolutionDueAt;
  const remind = m === 'first_contact' ? deadlines.firstContactRemindAt : deadlines.resolutionRemindAt;
  return isEscalation(timer) ? due : remind;
}

/**
 * A reopened order is resolved again within the resolution time of its category counted from the
 * reopening: the resolution deadline and its reminder move, and their timers may go off again (once
 * each for the new deadline). The first contact was made (or is judged) against the acceptance, so its
 * deadline and its timers stay as they were. An order accepted before time limits existed keeps none.
 */
export function deadlinesAfterReopen(
  order: { urgency: Urgency; category: OrderCategory; serviceDeadlines?: ServiceDeadlines | null; limitsFired?: readonly string[] },
  reopenedAt: string,
  limits: ServiceLimits,
): { serviceDeadlines: ServiceDeadlines; limitsFired: string[] } | null {
  if (!order.serviceDeadlines) return null;
  const fresh = deadlinesFrom(reopenedAt, order, limits);
  return {
    serviceDeadlines: { ...order.serviceDeadlines, resolutionDueAt: fresh.resolutionDueAt, resolutionRemindAt: fresh.resolutionRemindAt },
    limitsFired: (order.limitsFired ?? []).filter((timer) => milestoneOf(timer as LimitTimer) !== 'resolution'),
  };
}

export type LimitFacts = Pick<Order, 'status' | 'resolvedAt'> & { serviceDeadlines?: ServiceDeadlines | null; firstContactAt?: string | null; limitsFired?: readonly string[] };

/** Whether the milestone was reached: a first service record logged, or the work reported resolved. */
export function milestoneMet(order: LimitFacts, milestone: Milestone): boolean {
  if (milestone === 'first_contact') return Boolean(order.firstContactAt);
  return Boolean(order.resolvedAt) || order.status === 'resolved' || order.status === 'closed';
}

/**
 * The timers that should go off now and have not: only while the order is in service and the
 * milestone is not met. A reminder is due between its time and the deadline — once the deadline has
 * passed (a process down across both) only the escalation goes out, never a stale reminder.
 */
export function dueLimitTimers(order: LimitFacts, now: string): LimitTimer[] {
  const deadlines = order.serviceDeadlines;
  if (!deadlines || order.status !== 'in_progress') return [];
  const fired = new Set(order.limitsFired ?? []);
  return limitTimers.filter((timer) => {
    if (fired.has(timer) || milestoneMet(order, milestoneOf(timer)) || timerAt(deadlines, timer) > now) return false;
    if (isEscalation(timer)) return true;
    return now < timerAt(deadlines, `${milestoneOf(timer)}.escalation` as LimitTimer);
  });
}

/** Timers still ahead (to arm delayed jobs for). */
export function pendingLimitTimers(order: LimitFacts, now: string): { timer: LimitTimer; at: string }[] {
  const deadlines = order.serviceDeadlines;
  if (!deadlines || order.status !== 'in_progress') return [];
  const fired = new Set(order.limitsFired ?? []);
  return limitTimers.filter((timer) => !fired.has(timer) && !milestoneMet(order, milestoneOf(timer)) && timerAt(deadlines, timer) > now).map((timer) => ({ timer, at: timerAt(deadlines, timer) }));
}

/** What a person sees: each milestone's deadline and whether it is overdue now. */
export function limitStatus(order: LimitFacts, now: string): Record<Milestone, { dueAt: string; met: boolean; overdue: boolean }> | null {
  const deadlines = order.serviceDeadlines;
  if (!deadlines) return null;
  const one = (m: Milestone, dueAt: string) => {
    const met = milestoneMet(order, m);
    return { dueAt, met, overdue: !met && order.status === 'in_progress' && now >= dueAt };
  };
  return { first_contact: one('first_contact', deadlines.firstContactDueAt), resolution: one('resolution', deadlines.resolutionDueAt) };
}
