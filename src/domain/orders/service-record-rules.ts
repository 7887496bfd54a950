import { z } from 'zod';
import { text } from '../shared/values.js';

/**
 * The rules that keep a union's figures honest (人次, hours, points feed official assessments):
 * a service record is dated inside the work it belongs to and not in the future, a craftsman's
 * hours per day are capped, and a record the enterprise disputes counts for nothing until staff
 * decide. Pure functions; the services apply them and the statistics and points count by them.
 */

/** Most hours one craftsman may record on one (Beijing) day, across all its orders. */
export const DAILY_HOURS_CAP = 12;

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar day of an ISO date (`2026-06-03`) or date-time. */
export const serviceDayOf = (value: string): string => (value.length === 10 ? value : new Date(Date.parse(value) + BEIJING_OFFSET_MS).toISOString().slice(0, 10));

export interface RecordDateRefusal {
  code: 'RECORD_DATE_IN_FUTURE' | 'RECORD_DATE_BEFORE_ACCEPTANCE';
  message: string;
}

/**
 * Whether a record's date lies between the order's acceptance and now (the order is in progress,
 * so now is before its resolution). A date without a time is compared by Beijing day.
 */
export function checkRecordDate(input: { date: string; acceptedAt: string | null; now: string }): RecordDateRefusal | null {
  const dateOnly = input.date.length === 10;
  const future = dateOnly ? input.date > serviceDayOf(input.now) : Date.parse(input.date) > Date.parse(input.now);
  if (future) return { code: 'RECORD_DATE_IN_FUTURE', message: '服务日期不能晚于今天' };
  if (input.acceptedAt) {
    const early = dateOnly ? input.date < serviceDayOf(input.acceptedAt) : Date.parse(input.date) < Date.parse(input.acceptedAt);
    if (early) return { code: 'RECORD_DATE_BEFORE_ACCEPTANCE', message: '服务日期不能早于接单时间' };
  }
  return null;
}

/** Hours already recorded that day plus these, against the cap; the hours still open when refused. */
export function checkDailyHours(alreadyThatDay: number, hours: number): { ok: true } | { ok: false; remaining: number } {
  const total = Math.round((alreadyThatDay + hours) * 100) / 100;
  if (total <= DAILY_HOURS_CAP) return { ok: true };
  return { ok: false, remaining: Math.max(0, Math.round((DAILY_HOURS_CAP - alreadyThatDay) * 100) / 100) };
}

/**
 * 异议: `open` until staff decide; `upheld` means the enterprise was right and the record is struck,
 * `dismissed` means the record stands.
 */
export const disputeStatuses = ['open', 'upheld', 'dismissed'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

export interface RecordDispute {
  status: DisputeStatus;
  reason: string;
  raisedBy: string;
  raisedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

/** Whether a record counts in 人次, hours and points: undisputed, or disputed and the dispute dismissed. */
export const recordCounts = (record: { dispute?: RecordDispute | null }): boolean => !record.dispute || record.dispute.status === 'dismissed';

/** Whether a record's dispute still waits for staff (its order's visit and hour points wait with it). */
export const disputePending = (record: { dispute?: RecordDispute | null }): boolean => record.dispute?.status === 'open';

/**
 * Order states in which the enterprise may dispute a record: when it is asked to confirm. Points are
 * credited at confirmation, so a dispute raised later could no longer hold them back.
 */
export const DISPUTABLE_ORDER_STATES = ['resolved'] as const;

export const disputeStatusLabels: Record<DisputeStatus, string> = { open: '异议待处理', upheld: '异议成立（不计入）', dismissed: '异议未成立（照常计入）' };

export const disputeSchema = z.strictObject({ reason: text(500, '异议理由') });
export const disputeDecisionSchema = z.strictObject({
  /** true: the enterprise is right, the record is struck; false: the record stands. */
  uphold: z.boolean(),
  reason: text(500, '处理意见'),
});

/**
 * A completion counts once per order: the first time it closes. A reopened order that closes again
 * changes its rating, not the craftsman's count of completed orders.
 */
export const firstCompletion = (order: { firstClosedAt?: string | null }): boolean => !order.firstClosedAt;
