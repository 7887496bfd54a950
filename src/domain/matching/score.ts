import type { Craftsman } from '../craftsmen/craftsman.js';
import type { Order } from '../orders/order.js';
import { explainReasons } from './explain.js';
import { evaluateFactors, factorValues, prepareQuery, type MatchContext, type PreparedQuery } from './factors.js';
import { matchFactorLabels, matchFactors, type MatchFactor } from './policy.js';
import { hasFitEvidence, weakContribution, weakTotal } from './relevance.js';
import type { CraftsmanProfile, OrderQuery } from './profile.js';

/** Why a craftsman cannot take an order at all (hard filters, checked before any scoring). */
export const ineligibleReasons = ['NOT_ACTIVE', 'NO_FREE_CAPACITY', 'NO_SHARED_SERVICE_MODE', 'EXCLUDED_ON_ORDER', 'OUT_OF_REACH'] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];
export const ineligibleReasonLabels: Record<IneligibleReason, string> = {
  NOT_ACTIVE: '不在库（暂停、停用或已退出）',
  NO_FREE_CAPACITY: '当前任务已满',
  NO_SHARED_SERVICE_MODE: '服务方式不符',
  EXCLUDED_ON_ORDER: '已拒绝或超时未接此单',
  OUT_OF_REACH: '不在本级工会调度范围内',
};

/** The dispatcher's reach: a region code the candidate's regionPath must contain, or any predicate; null = everywhere. */
export type Reach = string | ((craftsman: Craftsman) => boolean) | null;

export function ineligibility(order: Order, craftsman: Craftsman, reach: Reach = null): IneligibleReason | null {
  if (craftsman.status !== 'active') return 'NOT_ACTIVE';
  if (craftsman.activeCount >= craftsman.capacity) return 'NO_FREE_CAPACITY';
  if (!order.preferredModes.some((m) => craftsman.serviceModes.includes(m))) return 'NO_SHARED_SERVICE_MODE';
  if (order.excludedCraftsmanIds.includes(craftsman._id)) return 'EXCLUDED_ON_ORDER';
  if (reach !== null && !(typeof reach === 'string' ? craftsman.regionPath.includes(reach) : reach(craftsman))) return 'OUT_OF_REACH';
  return null;
}

/**
 * Every reason `craftsman` cannot take `order`, in the order {@link ineligibility} tests them (its
 * answer is the first of these): what the candidate list says about a named craftsman (点名).
 */
export function ineligibilities(order: Order, craftsman: Craftsman, reach: Reach = null): IneligibleReason[] {
  const out: IneligibleReason[] = [];
  if (craftsman.status !== 'active') out.push('NOT_ACTIVE');
  if (craftsman.activeCount >= craftsman.capacity) out.push('NO_FREE_CAPACITY');
  if (!order.preferredModes.some((m) => craftsman.serviceModes.includes(m))) out.push('NO_SHARED_SERVICE_MODE');
  if (order.excludedCraftsmanIds.includes(craftsman._id)) out.push('EXCLUDED_ON_ORDER');
  if (reach !== null && !(typeof reach === 'string' ? craftsman.regionPath.includes(reach) : reach(craftsman))) out.push('OUT_OF_REACH');
  return out;
}

export interface RankedFactor {
  factor: MatchFactor;
  label: string;
  /** Raw value 0..1. */
  value: number;
  weight: number;
  /** Points this factor adds to the total (the contributions sum to the total). */
  contribution: number;
}

/** One craftsman as the dispatch board shows them for an order. */
export interface RankedCandidate {
  craftsmanId: string;
  name: string;
  /** 0..100: the weighted mean of the factor values. */
  total: number;
  factors: RankedFactor[];
  reasons: string[];
  /** The reasons joined with ' · '. */
  summary: string;
  /** 与需求关联弱: no evidence of fit, so every contribution was held down by the relevance gate. */
  weakFit: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The total only, for the hot loop; equal to `explainCandidate(...).total` before rounding. */
export function scoreTotal(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext): number {
  const values = factorValues(prepared, profile, ctx, prepared.scratch);
  const w = prepared.scaledWeights;
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i]! * values[i]!;
  return hasFitEvidence(prepared.gate, values) ? total : weakTotal(prepared.gate, w, values);
}

export function explainCandidate(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext): RankedCandidate {
  const evaluation = evaluateFactors(prepared, profile, ctx);
  const raw = Float64Array.from(matchFactors, (f) => evaluation.values[f]);
  const factors = matchFactors.map((factor, i) => {
    const value = raw[i]!;
    const points = evaluation.evidence.weakFit ? weakContribution(prepared.gate, prepared.scaledWeights, raw, i) : prepared.scaledWeights[i]! * value;
    return { factor, label: matchFactorLabels[factor], value: round2(value), weight: ctx.policy.weights[factor], contribution: round2(points) };
  });
  const reasons = explainReasons(evaluation, prepared.query.skills.length);
  const total = round2(scoreTotal(prepared, profile, ctx));
  return { craftsmanId: profile.craftsman._id, name: profile.craftsman.name, total, factors, reasons, summary: reasons.join(' · '), weakFit: evaluation.evidence.weakFit };
}

export interface RankOptions {
  /** How many candidates to return (best first). */
  limit?: number;
  reach?: Reach;
}

/**
 * Ranks the given profiles for one order: hard filters first, then the total of every survivor,
 * then explanations for the best `limit` only (explaining is the expensive part).
 * Ties break by craftsman id so the same data always gives the same order.
 */
export function rankCandidates(query: OrderQuery, profiles: Iterable<CraftsmanProfile>, ctx: MatchContext, options: RankOptions = {}): RankedCandidate[] {
  const prepared = prepareQuery(query, ctx);
  const top = new TopK<CraftsmanProfile>(options.limit ?? 20);
  for (const profile of profiles) {
    if (ineligibility(query.order, profile.craftsman, options.reach ?? null) !== null) continue;
    top.offer(scoreTotal(prepared, profile, ctx), profile.id, profile);
  }
  return top.sorted().map((p) => explainCandidate(prepared, p, ctx));
}

/** Keeps the k best (score desc, id asc) of a stream in a min-heap: O(n log k) instead of sorting everything. */
export class TopK<T> {
  private readonly heap: Array<{ score: number; id: string; item: T }> = [];
  constructor(private readonly k: number) {}

  private worse(a: { score: number; id: string }, b: { score: number; id: string }): boolean {
    return a.score < b.score || (a.score === b.score && a.id > b.id);
  }

  offer(score: number, id: string, item: T): void {
    if (this.k <= 0) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push({ score, id, item });
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(h[i]!, h[parent]!)) break;
        [h[i], h[parent]] = [h[parent]!, h[i]!];
        i = parent;
      }
      return;
    }
    if (!this.worse(h[0]!, { score, id })) return;
    h[0] = { score, id, item };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  /** The worst score kept so far once full (−∞ before), for callers that can skip hopeless work. */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0]!.score;
  }

  sortedEntries(): Array<{ score: number; id: string; item: T }> {
    return [...this.heap].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  sorted(): T[] {
    return this.sortedEntries().map((e) => e.item);
  }
}
