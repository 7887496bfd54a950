import type { DecisionCandidate, DispatchDecision } from './dispatch-decision.js';
import { matchFactors, type MatchFactor } from './policy.js';

/**
 * 从派单决策中学习权重: a per-org weight set fitted to what staff chose.
 *
 * Each staff decision says "the chosen craftsman ≻ every candidate the list ranked above them" (a
 * candidate ranked below was not necessarily looked at, so it says nothing). On those pairs we fit the
 * policy's own weights by logistic regression on factor differences: P(chosen ≻ other) =
 * σ(Σ w·(v_chosen − v_other) / s), by projected gradient descent that keeps every weight ≥ 0, with a pull
 * back towards the current weights so a factor the decisions say nothing about keeps its weight. The
 * result is the same kind of policy people already read and edit — nine weights — not a model.
 *
 * The relevance gate stays as it is: the fitted weights replace the policy's, the gate still holds every
 * candidate without fit evidence below every candidate with it, and skill and text keep at least
 * MIN_FIT_FACTOR_WEIGHT so there is evidence to read. Pairs that the gate decides (a weak candidate
 * chosen over a fitting one, or the reverse) are left out: no weight can turn them.
 * Decisions the engine made itself (auto-dispatch) are not staff preferences and are left out too.
 */

/** Skill and text are what the relevance gate reads as evidence: a fit never drops them below this. */
export const MIN_FIT_FACTOR_WEIGHT = 1;
/** The policy schema's largest weight. */
const MAX_WEIGHT = 10;

export interface PreferencePair {
  /** v_chosen − v_other, in `matchFactors` order. */
  difference: Float64Array;
}

export type Weights = Record<MatchFactor, number>;

const valuesOf = (c: DecisionCandidate, factors: readonly MatchFactor[]) => {
  const out = new Float64Array(matchFactors.length);
  factors.forEach((f, i) => {
    const at = matchFactors.indexOf(f);
    if (at >= 0) out[at] = c.values[i] ?? 0;
  });
  return out;
};

/** Decisions that express a person's preference: made by staff (manual or an applied batch plan). */
export const isStaffDecision = (d: Pick<DispatchDecision, 'kind'>) => d.kind !== 'auto';

/** chosen ≻ each shown candidate ranked above the chosen one (all shown when the chosen was not shown). */
export function preferencePairs(decisions: readonly DispatchDecision[]): PreferencePair[] {
  const pairs: PreferencePair[] = [];
  for (const d of decisions) {
    if (!isStaffDecision(d)) continue;
    const chosen = valuesOf(d.chosen, d.factors);
    for (const other of d.shown) {
      if (other.craftsmanId === d.chosen.craftsmanId) continue;
      if (d.chosen.rank !== null && (other.rank ?? Infinity) >= d.chosen.rank) continue;
      if (other.weakFit !== d.chosen.weakFit) continue;
      const values = valuesOf(other, d.factors);
      pairs.push({ difference: chosen.map((v, i) => v - values[i]!) });
    }
  }
  return pairs;
}

export interface FitOptions {
  /** Passes over the pairs. */
  epochs?: number;
  learningRate?: number;
  /** Strength of the pull back to the current weights (per pair, so it does not fade with more data). */
  l2?: number;
  /** Margin scale: a weight sum's worth of difference is this many logits. */
  temperature?: number;
}

/**
 * Fits weights to the pairs, starting from and pulled towards `current`; the result keeps the sum of
 * `current` (scaled down if a weight would pass 10), one decimal, every weight ≥ 0, skill and text ≥ 1.
 */
export function fitWeights(pairs: readonly PreferencePair[], current: Weights, options: FitOptions = {}): Weights {
  const epochs = options.epochs ?? 300;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 0.05;
  const n = matchFactors.length;
  const sum = matchFactors.reduce((s, f) => s + current[f], 0) || 1;
  // Work on weights normalised to sum 1; a margin of 1 (all of the score) is `temperature` logits.
  const temperature = options.temperature ?? 20;
  const prior = Float64Array.from(matchFactors, (f) => current[f] / sum);
  const w = Float64Array.from(prior);
  const floor = Float64Array.from(matchFactors, (f) => (f === 'skill' || f === 'text' ? MIN_FIT_FACTOR_WEIGHT / sum : 0));
  if (pairs.length === 0) return { ...current };
  const gradient = new Float64Array(n);
  for (let epoch = 0; epoch < epochs; epoch++) {
    gradient.fill(0);
    for (const { difference: d } of pairs) {
      let margin = 0;
      for (let i = 0; i < n; i++) margin += w[i]! * d[i]!;
      // d/dw of −log σ(T·margin) = −T·(1 − σ(T·margin))·d
      const pull = temperature * (1 - 1 / (1 + Math.exp(-temperature * margin)));
      for (let i = 0; i < n; i++) gradient[i]! -= pull * d[i]!;
    }
    for (let i = 0; i < n; i++) {
      const g = gradient[i]! / pairs.length + 2 * l2 * temperature * (w[i]! - prior[i]!);
      w[i] = Math.max(floor[i]!, w[i]! - (rate / temperature) * g);
    }
    // Back onto the sum-1 scale the margins are measured on (only relative weights rank).
    const total = w.reduce((s, x) => s + x, 0) || 1;
    for (let i = 0; i < n; i++) w[i] = Math.max(floor[i]!, w[i]! / total);
  }
  return policyWeights(w, sum);
}

/** Normalised weights back on the policy's scale: sum as before, at most 10, one decimal, floors kept. */
function policyWeights(w: Float64Array, sum: number): Weights {
  const total = w.reduce((s, x) => s + x, 0) || 1;
  let scale = sum / total;
  const largest = Math.max(...w);
  if (largest * scale > MAX_WEIGHT) scale = MAX_WEIGHT / largest;
  return Object.fromEntries(
    matchFactors.map((f, i) => {
      const min = f === 'skill' || f === 'text' ? MIN_FIT_FACTOR_WEIGHT : 0;
      return [f, Math.max(min, Math.round(w[i]! * scale * 10) / 10)];
    }),
  ) as Weights;
}

/**
 * The chosen craftsman's place when the decision's list (and the chosen one) is ranked again under
 * `weights`, the gate as the engine applies it: every candidate with fit evidence before every one
 * without. Ties keep the order of the list as shown.
 */
export function rankUnder(decision: DispatchDecision, weights: Weights): number {
  const w = Float64Array.from(matchFactors, (f) => weights[f]);
  const score = (c: DecisionCandidate) => {
    const v = valuesOf(c, decision.factors);
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i]! * v[i]!;
    return (c.weakFit ? 0 : 1_000) + s;
  };
  const chosen = decision.chosen;
  const mine = score(chosen);
  let above = 0;
  for (const other of decision.shown) {
    if (other.craftsmanId === chosen.craftsmanId) continue;
    const theirs = score(other);
    const earlier = (other.rank ?? Infinity) < (chosen.rank ?? Infinity);
    if (theirs > mine + 1e-9 || (Math.abs(theirs - mine) <= 1e-9 && earlier)) above += 1;
  }
  return above + 1;
}

/** Share of staff decisions whose chosen craftsman is in the top `k` under `weights` (null when there are none). */
export function topKAgreement(decisions: readonly DispatchDecision[], weights: Weights, k = 3): number | null {
  const staff = decisions.filter(isStaffDecision);
  if (staff.length === 0) return null;
  return staff.filter((d) => rankUnder(d, weights) <= k).length / staff.length;
}

export interface HeldOutFit {
  /** Staff decisions used, fitted on, and measured on. */
  decisions: number;
  fitted: number;
  heldOut: number;
  pairs: number;
  current: Weights;
  proposed: Weights;
  /** Top-3 agreement on the held-out decisions under the current and the proposed weights. */
  before: number | null;
  after: number | null;
}

/** The share of decisions (oldest first) fitted on; the rest, the newest, measure the fit. */
export const FIT_SHARE = 0.7;

/** Fits on the oldest 70 % of staff decisions and measures top-3 agreement on the newest 30 %. */
export function fitAndMeasure(decisionsOldestFirst: readonly DispatchDecision[], current: Weights, options: FitOptions = {}): HeldOutFit {
  const staff = decisionsOldestFirst.filter(isStaffDecision);
  const cut = Math.floor(staff.length * FIT_SHARE);
  const train = staff.slice(0, cut);
  const test = staff.slice(cut);
  const pairs = preferencePairs(train);
  const proposed = fitWeights(pairs, current, options);
  return { decisions: staff.length, fitted: train.length, heldOut: test.length, pairs: pairs.length, current: { ...current }, proposed, before: topKAgreement(test, current), after: topKAgreement(test, proposed) };
}
