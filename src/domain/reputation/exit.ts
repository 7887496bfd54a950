import { z } from 'zod';
import { text } from '../shared/values.js';
import type { ReputationRules } from './rules.js';

/** Why a craftsman was flagged for review. */
export interface FlagReason {
  code: 'LOW_RATING' | 'COMPLAINTS';
  message: string;
}

/** 待复核标记: set by the exit rule, cleared only by a staff decision. Nothing is suspended automatically. */
export interface ReviewFlag {
  reasons: FlagReason[];
  rating: number | null;
  ratingsInWindow: number;
  complaints: number;
  flaggedAt: string;
  eventId: string;
}

/** A staff decision on a flag, kept on the craftsman with its reason. */
export interface ReviewDecision {
  decision: 'suspend' | 'clear';
  reason: string;
  at: string;
  by: string;
  byName: string;
  flag: ReviewFlag | null;
}

export const reviewSchema = z.strictObject({ decision: z.enum(['suspend', 'clear']), reason: text(500, '复核意见') });

/** The exit rule (退出机制): reasons to flag, or none. */
export function exitReasons(input: { rating: number | null; ratingsInWindow: number; complaints: number }, rules: ReputationRules['exit']): FlagReason[] {
  const reasons: FlagReason[] = [];
  if (input.rating !== null && input.ratingsInWindow >= rules.minRatings && input.rating < rules.minRating) {
    reasons.push({ code: 'LOW_RATING', message: `近 ${input.ratingsInWindow} 单评分 ${input.rating} 低于 ${rules.minRating} 分` });
  }
  if (input.complaints >= rules.complaintLimit) {
    reasons.push({ code: 'COMPLAINTS', message: `累计差评（${rules.complaintRating} 分及以下）和成立的投诉 ${input.complaints} 次，达到 ${rules.complaintLimit} 次` });
  }
  return reasons;
}
