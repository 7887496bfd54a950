import { z } from 'zod';
import { text } from '../shared/values.js';

/**
 * 双向评价: the enterprise rates the craftsman when it confirms (`rating`), and the craftsman rates the
 * enterprise's cooperation (`craftsmanRating`). Neither side sees the other's rating until both are in,
 * or until {@link REVEAL_AFTER_DAYS} days after the first of them, so neither answers the other's mark.
 * Staff see both at once.
 */
export const REVEAL_AFTER_DAYS = 14;

export const craftsmanRatingSchema = z.strictObject({
  rating: z.number({ message: '请给出 1–5 分的评分' }).int('评分为 1–5 的整数').min(1, '评分为 1–5 分').max(5, '评分为 1–5 分'),
  comment: text(500, '评价').optional(),
});
export type CraftsmanRatingInput = z.infer<typeof craftsmanRatingSchema>;

/** The craftsman's rating of the enterprise's cooperation. */
export interface CraftsmanRating {
  rating: number;
  comment: string | null;
  ratedAt: string;
}

/** Orders the craftsman may rate: its work is reported done. */
export const RATEABLE_ORDER_STATES = ['resolved', 'closed'] as const;

interface Rated {
  rating: number | null;
  /** When the enterprise last rated (orders rated before this was kept: their closing time). */
  enterpriseRatedAt?: string | null;
  closedAt: string | null;
  craftsmanRating?: CraftsmanRating | null;
}

const enterpriseRatedAt = (o: Rated): string | null => (o.rating === null ? null : (o.enterpriseRatedAt ?? o.closedAt ?? null));

/** When the two ratings become visible to both sides: null while neither has rated. */
export function ratingsRevealAt(order: Rated): string | null {
  const times = [enterpriseRatedAt(order), order.craftsmanRating?.ratedAt ?? null].filter((t): t is string => t !== null).sort();
  if (times.length === 0) return null;
  if (times.length === 2) return times[1] as string;
  return new Date(Date.parse(times[0] as string) + REVEAL_AFTER_DAYS * 86_400_000).toISOString();
}

export const ratingsRevealed = (order: Rated, now: string): boolean => {
  const at = ratingsRevealAt(order);
  return at !== null && at <= now;
};

/**
 * The order as one side may see it: before the reveal the craftsman does not see the enterprise's
 * rating and the enterprise does not see the craftsman's. Staff, admins and the engine see both.
 */
export function blindRatings<T extends Rated>(order: T, viewer: string, now: string): T & { ratingsRevealAt: string | null; ratedBy: { enterprise: boolean; craftsman: boolean } } {
  const revealAt = ratingsRevealAt(order);
  const shown = { ...order, ratingsRevealAt: revealAt, ratedBy: { enterprise: order.rating !== null, craftsman: Boolean(order.craftsmanRating) } };
  if (revealAt !== null && revealAt <= now) return shown;
  if (viewer === 'craftsman') return { ...shown, rating: null, ratingComment: null };
  if (viewer === 'enterprise') return { ...shown, craftsmanRating: null };
  return shown;
}
