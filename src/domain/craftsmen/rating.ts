/** How a craftsman's rating is figured: the last `window` confirmed ratings, shrunk toward `priorMean`. */
export interface RatingRule {
  window: number;
  priorMean: number;
  /** As many pseudo-ratings of `priorMean` as this: few real ratings move the figure little. */
  priorWeight: number;
}

export const DEFAULT_RATING_RULE: RatingRule = { window: 20, priorMean: 4, priorWeight: 3 };

/** The window after adding `rating` (oldest dropped first). */
export function pushRating(recent: number[], rating: number, rule: RatingRule = DEFAULT_RATING_RULE): number[] {
  return [...recent, rating].slice(-rule.window);
}

/** Bayesian average (C·m + Σr) / (C + n), rounded to 2 decimals; null when there is no rating yet. */
export function shrunkRating(recent: number[], rule: RatingRule = DEFAULT_RATING_RULE): number | null {
  if (recent.length === 0) return null;
  const sum = recent.reduce((a, b) => a + b, 0);
  return Math.round(((rule.priorWeight * rule.priorMean + sum) / (rule.priorWeight + recent.length)) * 100) / 100;
}
