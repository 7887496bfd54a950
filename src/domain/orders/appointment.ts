import { z } from 'zod';
import { AppError } from '../../errors.js';
import { isoDateTimeSchema, text } from '../shared/values.js';

/**
 * 预约: when the craftsman comes. The enterprise may give preferred time windows with its order; after
 * acceptance the craftsman proposes a visit slot, the enterprise confirms it or counter-proposes, and
 * so on until one side confirms the other's slot. The rules below are pure; the appointment service
 * applies them with a conditional update on the state it read.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const MAX_PREFERRED_WINDOWS = 5;
export const MIN_WINDOW_MINUTES = 30;
/** A window longer than a working day says nothing about when the enterprise is there. */
export const MAX_WINDOW_HOURS = 12;
/** How far ahead a window or a slot may lie. */
export const MAX_DAYS_AHEAD = 90;
export const MIN_SLOT_MINUTES = 30;
export const MAX_SLOT_HOURS = 10;
/** Proposals and counter-proposals together: past this the parties are asked to settle it by phone with the union. */
export const MAX_NEGOTIATION_ROUNDS = 6;
/** The reminder goes out this long before the slot starts ("the day before"). */
export const REMINDER_LEAD_MS = DAY;
/** After this much past the start, the first visit counts as late. */
export const LATE_AFTER_MINUTES = 15;
/** How long after the slot ends attendance is judged (time to log the visit). */
export const ATTENDANCE_GRACE_MS = 2 * HOUR;

/** A span of time, [start, end). */
export interface TimeWindow {
  start: string;
  end: string;
}

export const timeWindowSchema = z
  .strictObject({
    start: isoDateTimeSchema.describe('开始时间（ISO 8601，含时区）'),
    end: isoDateTimeSchema.describe('结束时间（ISO 8601，含时区）'),
  })
  .describe('时间段');

export const preferredWindowsSchema = z
  .array(timeWindowSchema)
  .max(MAX_PREFERRED_WINDOWS, `期望时段最多 ${MAX_PREFERRED_WINDOWS} 个`)
  .describe(`企业期望的上门时段（最多 ${MAX_PREFERRED_WINDOWS} 个，每段 ${MIN_WINDOW_MINUTES} 分钟至 ${MAX_WINDOW_HOURS} 小时，须在未来 ${MAX_DAYS_AHEAD} 天内）`);

export const slotProposalSchema = z.strictObject({ slot: timeWindowSchema, note: text(300, '备注').optional() });
export type SlotProposal = z.infer<typeof slotProposalSchema>;

const invalidWindow = (message: string, field: string) => new AppError({ kind: 'invalid', code: 'INVALID_TIME_WINDOW', message, details: { field } });

/** A window in UTC ISO form, or 400 INVALID_TIME_WINDOW: ordered, bounded length, in the future and not too far ahead. */
function checkWindow(window: TimeWindow, now: string, bounds: { minMinutes: number; maxHours: number; label: string; field: string }): TimeWindow {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const nowMs = Date.parse(now);
  const { label, field } = bounds;
  if (!(end > start)) throw invalidWindow(`${label}的结束时间须晚于开始时间`, field);
  if (start <= nowMs) throw invalidWindow(`${label}须在当前时间之后`, field);
  if (end - start < bounds.minMinutes * MINUTE) throw invalidWindow(`${label}至少 ${bounds.minMinutes} 分钟`, field);
  if (end - start > bounds.maxHours * HOUR) throw invalidWindow(`${label}不超过 ${bounds.maxHours} 小时`, field);
  if (start - nowMs > MAX_DAYS_AHEAD * DAY) throw invalidWindow(`${label}须在未来 ${MAX_DAYS_AHEAD} 天内`, field);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** The order's preferred windows, normalised to UTC and sorted by start; overlapping windows are refused. */
export function checkPreferredWindows(windows: readonly TimeWindow[], now: string): TimeWindow[] {
  if (windows.length > MAX_PREFERRED_WINDOWS) throw invalidWindow(`期望时段最多 ${MAX_PREFERRED_WINDOWS} 个`, 'preferredWindows');
  const checked = windows
    .map((w, i) => checkWindow(w, now, { minMinutes: MIN_WINDOW_MINUTES, maxHours: MAX_WINDOW_HOURS, label: `第 ${i + 1} 个期望时段`, field: `preferredWindows.${i}` }))
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < checked.length; i++) {
    if ((checked[i] as TimeWindow).start < (checked[i - 1] as TimeWindow).end) throw invalidWindow('期望时段之间不能重叠', 'preferredWindows');
  }
  return checked;
}

/** A proposed visit slot in UTC ISO form, or 400 INVALID_TIME_WINDOW. */
export const checkSlot = (slot: TimeWindow, now: string): TimeWindow => checkWindow(slot, now, { minMinutes: MIN_SLOT_MINUTES, maxHours: MAX_SLOT_HOURS, label: '预约时段', field: 'slot' });

export const appointmentStatuses = ['proposed', 'countered', 'confirmed'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const appointmentStatusLabels: Record<AppointmentStatus, string> = { proposed: '待企业确认', countered: '待劳模工匠确认', confirmed: '已确认' };

export const appointmentActions = ['propose', 'counter', 'confirm'] as const;
export type AppointmentAction = (typeof appointmentActions)[number];
/** The two parties of a visit. */
export type AppointmentParty = 'craftsman' | 'enterprise';

/** Whether the visit took place in its slot, judged once after the slot (到访情况). */
export const attendanceOutcomes = ['on_time', 'late', 'missed'] as const;
export type AttendanceOutcome = (typeof attendanceOutcomes)[number];
export const attendanceLabels: Record<AttendanceOutcome, string> = { on_time: '按时到访', late: '迟到', missed: '爽约（未到访）' };

export interface AppointmentStep {
  at: string;
  action: AppointmentAction;
  party: AppointmentParty;
  slot: TimeWindow;
  note: string | null;
}

/** 预约 of an order: the slot on the table (or agreed), who must answer, and how it went. */
export interface Appointment {
  status: AppointmentStatus;
  slot: TimeWindow;
  /** Proposals and counter-proposals so far. */
  rounds: number;
  confirmedAt: string | null;
  /** Timers already fired for the confirmed slot (`reminder`, `attendance`): each goes out once. */
  fired: AppointmentTimer[];
  attendance: AttendanceOutcome | null;
  history: AppointmentStep[];
}

interface Rule {
  party: AppointmentParty;
  /** From each allowed state (`none`: no appointment yet), the state it leads to. */
  from: Partial<Record<AppointmentStatus | 'none', AppointmentStatus>>;
  wrongStateMessage: string;
}

/**
 * The negotiation: the craftsman proposes (first, or in answer to a counter-proposal, or to move a
 * confirmed slot); the enterprise confirms or counters; the craftsman confirms a counter-proposal or
 * proposes again. Nobody confirms their own slot.
 */
export const APPOINTMENT_RULES: Record<AppointmentAction, Rule> = {
  propose: { party: 'craftsman', from: { none: 'proposed', countered: 'proposed', confirmed: 'proposed' }, wrongStateMessage: '企业尚未回复您上次提议的时段' },
  counter: { party: 'enterprise', from: { proposed: 'countered', confirmed: 'countered' }, wrongStateMessage: '当前没有待您回复的预约时段' },
  confirm: { party: 'enterprise', from: { proposed: 'confirmed' }, wrongStateMessage: '当前没有待您确认的预约时段' },
};

/** Who confirms in each state: the party that did not put the slot on the table. */
const CONFIRMER: Partial<Record<AppointmentStatus, AppointmentParty>> = { proposed: 'enterprise', countered: 'craftsman' };

/**
 * The appointment after `party` takes `action`, or the refusal: 403 when the party may never take it,
 * 409 APPOINTMENT_STATE when the appointment is not in a state for it, 409 APPOINTMENT_ROUNDS_EXCEEDED
 * when the parties have gone back and forth too often.
 */
export function negotiate(current: Appointment | null, action: AppointmentAction, party: AppointmentParty, input: { at: string; slot?: TimeWindow; note?: string | null }): Appointment {
  const state = current?.status ?? 'none';
  if (action === 'confirm') {
    if (!current || CONFIRMER[current.status] === undefined) throw new AppError({ kind: 'conflict', code: 'APPOINTMENT_STATE', message: APPOINTMENT_RULES.confirm.wrongStateMessage, details: { status: state } });
    if (CONFIRMER[current.status] !== party) throw new AppError({ kind: 'conflict', code: 'APPOINTMENT_STATE', message: '不能确认自己提出的时段，请等待对方确认', details: { status: state } });
    return { ...current, status: 'confirmed', confirmedAt: input.at, fired: [], attendance: null, history: [...current.history, { at: input.at, action, party, slot: current.slot, note: input.note ?? null }] };
  }
  const rule = APPOINTMENT_RULES[action];
  if (rule.party !== party) throw new AppError({ kind: 'forbidden', code: 'ACTION_NOT_ALLOWED', message: action === 'propose' ? '预约时段由劳模工匠提出' : '只有企业可以另提时段', details: { action, party } });
  const to = rule.from[state];
  if (!to) throw new AppError({ kind: 'conflict', code: 'APPOINTMENT_STATE', message: rule.wrongStateMessage, details: { status: state } });
  if (!input.slot) throw new AppError({ kind: 'invalid', code: 'INVALID_TIME_WINDOW', message: '请填写预约时段', details: { field: 'slot' } });
  const rounds = (current?.rounds ?? 0) + 1;
  if (rounds > MAX_NEGOTIATION_ROUNDS) {
    throw new AppError({ kind: 'conflict', code: 'APPOINTMENT_ROUNDS_EXCEEDED', message: `双方已往返协商 ${MAX_NEGOTIATION_ROUNDS} 次仍未约定，请联系工会协调时间`, details: { rounds: current?.rounds ?? 0 } });
  }
  return { status: to, slot: input.slot, rounds, confirmedAt: null, fired: [], attendance: null, history: [...(current?.history ?? []), { at: input.at, action, party, slot: input.slot, note: input.note ?? null }] };
}

/** The two timers of a confirmed slot: the reminder the day before, and judging attendance after it. */
export const appointmentTimers = ['reminder', 'attendance'] as const;
export type AppointmentTimer = (typeof appointmentTimers)[number];

/** When a timer of a confirmed slot falls due, or null when it has no turn (a slot confirmed less than a day ahead gets no reminder). */
export function appointmentTimerAt(appointment: Pick<Appointment, 'slot' | 'confirmedAt'>, timer: AppointmentTimer): string | null {
  const start = Date.parse(appointment.slot.start);
  if (timer === 'attendance') return new Date(Date.parse(appointment.slot.end) + ATTENDANCE_GRACE_MS).toISOString();
  const at = start - REMINDER_LEAD_MS;
  if (appointment.confirmedAt && Date.parse(appointment.confirmedAt) >= at) return null;
  return new Date(at).toISOString();
}

/** Timers of a confirmed appointment due at `now` and not fired yet. */
export function dueAppointmentTimers(order: { appointment?: Appointment | null }, now: string): AppointmentTimer[] {
  const a = order.appointment;
  if (!a || a.status !== 'confirmed') return [];
  return appointmentTimers.filter((timer) => {
    const at = appointmentTimerAt(a, timer);
    return at !== null && at <= now && !a.fired.includes(timer);
  });
}

/** Timers of a confirmed appointment still ahead of `now`, with when they fall due. */
export function pendingAppointmentTimers(order: { appointment?: Appointment | null }, now: string): { timer: AppointmentTimer; at: string }[] {
  const a = order.appointment;
  if (!a || a.status !== 'confirmed') return [];
  return appointmentTimers.flatMap((timer) => {
    const at = appointmentTimerAt(a, timer);
    return at !== null && at > now && !a.fired.includes(timer) ? [{ timer, at }] : [];
  });
}

/**
 * 到访情况 from the visits logged for the order (service record times): on time when one started by
 * the slot's start plus the grace minutes, late when the first started later but before the slot
 * ended, missed otherwise. A record with a day only (no time) on the slot's day counts as on time:
 * nothing says it was late.
 */
export function attendanceOf(slot: TimeWindow, visits: readonly string[]): AttendanceOutcome {
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  const slotDay = new Date(start + 8 * HOUR).toISOString().slice(0, 10);
  let late = false;
  for (const visit of visits) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(visit)) {
      if (visit === slotDay) return 'on_time';
      continue;
    }
    const at = Date.parse(visit);
    if (Number.isNaN(at) || at < start - ATTENDANCE_GRACE_MS || at >= end) continue;
    if (at <= start + LATE_AFTER_MINUTES * MINUTE) return 'on_time';
    late = true;
  }
  return late ? 'late' : 'missed';
}

/** Milliseconds of `windows` covered by `booked` slots (each window's overlap counted once). */
export function coveredMs(windows: readonly TimeWindow[], booked: readonly TimeWindow[]): number {
  let covered = 0;
  for (const w of windows) {
    const ws = Date.parse(w.start);
    const we = Date.parse(w.end);
    const parts = booked
      .map((b) => [Math.max(ws, Date.parse(b.start)), Math.min(we, Date.parse(b.end))] as const)
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    let reached = ws;
    for (const [s, e] of parts) {
      if (e <= reached) continue;
      covered += e - Math.max(s, reached);
      reached = e;
    }
  }
  return covered;
}

/** Whether booked slots leave less than one minimal slot free in every preferred window (排满). */
export function bookedSolid(windows: readonly TimeWindow[], booked: readonly TimeWindow[]): boolean {
  if (windows.length === 0 || booked.length === 0) return false;
  return windows.every((w) => Date.parse(w.end) - Date.parse(w.start) - coveredMs([w], booked) < MIN_SLOT_MINUTES * MINUTE);
}
