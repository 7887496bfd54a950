import { z } from 'zod';
import { DEFAULT_RATING_RULE, type RatingRule } from '../craftsmen/rating.js';

/**
 * 积分与退出规则: how points are credited when a service is confirmed, how the rating is averaged,
 * and when a craftsman is flagged for review (退出机制). Set globally or per org; the nearest org
 * up a craftsman's region path with its own rules wins.
 */
export interface ReputationRules {
  points: {
    /** Per service record (one person-visit) on the confirmed order. */
    perVisit: number;
    /** Per hour of service on the confirmed order. */
    perHour: number;
    /** Per problem solved (the confirmed order itself). */
    perSolved: number;
    /** Extra when the enterprise's rating is at least `highRatingMin`. */
    highRatingBonus: number;
    highRatingMin: number;
  };
  rating: RatingRule;
  exit: {
    /** Flag when the windowed rating is below this… */
    minRating: number;
    /** …once at least this many ratings are in the window. */
    minRatings: number;
    /** A rating at or below this is a complaint. */
    complaintRating: number;
    /** Flag when this many complaints accumulate since the last review cleared the craftsman. */
    complaintLimit: number;
  };
}

export const DEFAULT_REPUTATION_RULES: ReputationRules = {
  points: { perVisit: 10, perHour: 2, perSolved: 20, highRatingBonus: 10, highRatingMin: 5 },
  rating: DEFAULT_RATING_RULE,
  exit: { minRating: 3, minRatings: 5, complaintRating: 2, complaintLimit: 3 },
};

const pts = z.number().min(0).max(1000);
export const reputationRulesSchema = z.strictObject({
  points: z
    .strictObject({ perVisit: pts, perHour: pts, perSolved: pts, highRatingBonus: pts, highRatingMin: z.number().int().min(1).max(5) })
    .default(DEFAULT_REPUTATION_RULES.points),
  rating: z
    .strictObject({
      window: z.number().int().min(1, '评分窗口至少 1 单').max(200, '评分窗口最多 200 单'),
      priorMean: z.number().min(1).max(5),
      priorWeight: z.number().min(0).max(100),
    })
    .default(DEFAULT_REPUTATION_RULES.rating),
  exit: z
    .strictObject({
      minRating: z.number().min(1).max(5),
      minRatings: z.number().int().min(1).max(200),
      complaintRating: z.number().int().min(1).max(4),
      complaintLimit: z.number().int().min(1).max(100),
    })
    .default(DEFAULT_REPUTATION_RULES.exit),
});

/** Where rules are kept: the `policies` collection, one document per scope. */
export const GLOBAL_RULES_ID = 'reputation:global';
export const orgRulesId = (orgId: string) => `reputation:${orgId}`;

export interface StoredRules {
  _id: string;
  rules: ReputationRules;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

/** The rules that apply, given the stored documents and the ids to try, nearest first. */
export function pickRules(stored: readonly StoredRules[], candidates: readonly string[]): { rules: ReputationRules; source: string } {
  for (const id of candidates) {
    const found = stored.find((s) => s._id === id);
    if (found) return { rules: found.rules, source: id };
  }
  return { rules: DEFAULT_REPUTATION_RULES, source: 'default' };
}
