import { z } from 'zod';
import { text } from '../shared/values.js';

/**
 * 回访: some days after an order closes (org policy), its owner gets a follow-up task and the
 * enterprise a short satisfaction survey. "No longer solved" leads back to the work: a reopen while
 * the reopen window lasts, or a new order linked to this one.
 */
export const followUpStatuses = ['scheduled', 'due', 'answered'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

export const DEFAULT_FOLLOW_UP_DAYS = 7;

const satisfaction = z.number().int().min(1, '满意度为 1–5').max(5, '满意度为 1–5');
export const surveySchema = z.strictObject({
  /** Is the problem still solved? */
  stillSolved: z.boolean({ message: '请回答问题是否仍已解决' }),
  craftsmanSatisfaction: satisfaction,
  unionSatisfaction: satisfaction,
  comment: text(1000, '意见建议').optional(),
});
export type Survey = z.infer<typeof surveySchema>;

export const followUpNoteSchema = z.strictObject({ note: text(1000, '回访记录') });

export interface FollowUp {
  dueAt: string;
  status: FollowUpStatus;
  survey: (Survey & { answeredAt: string }) | null;
  /** The owner's own record of the follow-up (a call, a visit). */
  staffNote: string | null;
  staffDoneAt: string | null;
}

export function scheduleFollowUp(closedAt: string, days: number): FollowUp {
  return { dueAt: new Date(Date.parse(closedAt) + days * 86_400_000).toISOString(), status: 'scheduled', survey: null, staffNote: null, staffDoneAt: null };
}

/** Whether the follow-up should open now: scheduled, on a closed order, its day reached. */
export const followUpDue = (order: { status: string; followUp?: FollowUp | null }, now: string): boolean =>
  order.status === 'closed' && order.followUp?.status === 'scheduled' && order.followUp.dueAt <= now;
