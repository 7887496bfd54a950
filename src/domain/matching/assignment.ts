import type { Craftsman } from '../craftsmen/craftsman.js';
import type { Order } from '../orders/order.js';
import { maxWeightBMatching, type MatchingEdge } from './min-cost-flow.js';
import { ineligibility, type Reach } from './score.js';

/** One eligible (order, craftsman) pair with its score; `detail` travels along untouched (e.g. a RankedCandidate). */
export interface AssignmentCandidate<D = unknown> {
  craftsmanId: string;
  score: number;
  detail?: D;
}

export interface AssignmentOrder<D = unknown> {
  orderId: string;
  /** Eligible pairs only (hard filters passed). Usually each order's top K. */
  candidates: ReadonlyArray<AssignmentCandidate<D>>;
  /**
   * An upper bound on the score of any eligible pair of this order left out of `candidates`
   * (with top-K pruning: the (K+1)-th best score). Absent or null = nothing was left out.
   */
  prunedScoreBound?: number | null;
}

export interface AssignmentProblem<D = unknown> {
  orders: ReadonlyArray<AssignmentOrder<D>>;
  /** Free slots per craftsman: capacity − activeCount. Missing = 0. */
  freeSlots: ReadonlyMap<string, number>;
  /** Pairs scoring below this are not worth making (policy.minScore); pairs ≤ 0 never are. */
  minScore?: number;
}

export const unassignedReasons = ['NO_ELIGIBLE_CANDIDATE', 'CAPACITY_TAKEN_BY_BETTER_PAIRS'] as const;
export type UnassignedReason = (typeof unassignedReasons)[number];
export const unassignedReasonMessages: Record<UnassignedReason, string> = {
  NO_ELIGIBLE_CANDIDATE: '没有符合条件的候选人（技能、服务方式、空余名额、调度范围不符或匹配分过低），需人工处理或上报上级工会',
  CAPACITY_TAKEN_BY_BETTER_PAIRS: '合适的候选人名额已排给总匹配分更高的其他需求，可待其空出名额后再派',
};

export interface AssignmentPair<D = unknown> {
  orderId: string;
  craftsmanId: string;
  score: number;
  detail?: D;
}

export interface AssignmentPlan<D = unknown> {
  method: 'min-cost-flow' | 'greedy';
  pairs: Array<AssignmentPair<D>>;
  unassigned: Array<{ orderId: string; reason: UnassignedReason; message: string }>;
  totalScore: number;
  /**
   * True when the plan is provably optimal for the *unpruned* problem too: every order's dual value
   * u covers its `prunedScoreBound`, so no left-out pair could raise the total (see `solveAssignment`).
   * Always false for greedy.
   */
  certifiedOptimal: boolean;
  /** Orders whose left-out pairs the certificate could not rule out (empty when certified). */
  uncertifiedOrderIds: string[];
}

interface Indexed<D> {
  craftsmanIds: string[];
  capacities: number[];
  edges: MatchingEdge[];
  details: Array<D | undefined>;
  minScore: number;
}

function indexProblem<D>(problem: AssignmentProblem<D>): Indexed<D> {
  const minScore = Math.max(problem.minScore ?? 0, Number.MIN_VALUE);
  const craftsmanIndex = new Map<string, number>();
  const craftsmanIds: string[] = [];
  const capacities: number[] = [];
  const edges: MatchingEdge[] = [];
  const details: Array<D | undefined> = [];
  problem.orders.forEach((order, o) => {
    const seen = new Set<string>();
    for (const candidate of order.candidates) {
      const slots = problem.freeSlots.get(candidate.craftsmanId) ?? 0;
      if (!(candidate.score >= minScore) || slots <= 0 || seen.has(candidate.craftsmanId)) continue;
      seen.add(candidate.craftsmanId);
      let c = craftsmanIndex.get(candidate.craftsmanId);
      if (c === undefined) {
        c = craftsmanIds.length;
        craftsmanIndex.set(candidate.craftsmanId, c);
        craftsmanIds.push(candidate.craftsmanId);
        capacities.push(slots);
      }
      edges.push({ order: o, craftsman: c, score: candidate.score });
      details.push(candidate.detail);
    }
  });
  return { craftsmanIds, capacities, edges, details, minScore };
}

function finishPlan<D>(problem: AssignmentProblem<D>, ix: Indexed<D>, chosenEdge: Int32Array, method: AssignmentPlan['method']): Omit<AssignmentPlan<D>, 'certifiedOptimal' | 'uncertifiedOrderIds'> {
  const hasEdge = new Uint8Array(problem.orders.length);
  for (const e of ix.edges) hasEdge[e.order] = 1;
  const pairs: Array<AssignmentPair<D>> = [];
  const unassigned: AssignmentPlan['unassigned'] = [];
  let totalScore = 0;
  problem.orders.forEach((order, o) => {
    const e = chosenEdge[o]!;
    if (e >= 0) {
      const edge = ix.edges[e]!;
      const pair: AssignmentPair<D> = { orderId: order.orderId, craftsmanId: ix.craftsmanIds[edge.craftsman]!, score: edge.score };
      const detail = ix.details[e];
      if (detail !== undefined) pair.detail = detail;
      pairs.push(pair);
      totalScore += edge.score;
    } else {
      const reason: UnassignedReason = hasEdge[o] ? 'CAPACITY_TAKEN_BY_BETTER_PAIRS' : 'NO_ELIGIBLE_CANDIDATE';
      unassigned.push({ orderId: order.orderId, reason, message: unassignedReasonMessages[reason] });
    }
  });
  return { method, pairs, unassigned, totalScore };
}

/**
 * 批量派单: the plan with the highest total score — each order to at most one craftsman, no craftsman
 * beyond its free slots, only the pairs given. Exact on the given pairs (min-cost flow).
 *
 * About top-K pruning: restricting each order to its K best pairs is *not* exact in general — an
 * order whose K best craftsmen are all filled by other orders might have been better served by its
 * (K+1)-th. A simple sufficient condition is that the free slots among each order's top K add up to
 * at least the number of orders (someone in the top K is then always free, and moving the order
 * there never lowers the total); at 1,000 orders that needs K in the hundreds. Instead of assuming
 * it, the solver *checks* it with linear-programming duality: the optimal duals (u per order, v ≥ 0
 * per craftsman) satisfy u + v ≥ score on all kept pairs, and if every order's u is at least the best
 * score it left out (`prunedScoreBound`), they satisfy it on the left-out pairs too, so the plan is
 * optimal for the full problem. `certifiedOptimal` reports the outcome; `uncertifiedOrderIds` says
 * where a larger K could still help.
 */
export function solveAssignment<D>(problem: AssignmentProblem<D>): AssignmentPlan<D> {
  const ix = indexProblem(problem);
  const result = maxWeightBMatching(problem.orders.length, ix.capacities, ix.edges);
  const chosenEdge = new Int32Array(problem.orders.length).fill(-1);
  ix.edges.forEach((edge, e) => {
    if (result.craftsmanOfOrder[edge.order] === edge.craftsman) chosenEdge[edge.order] = e;
  });
  const plan = finishPlan(problem, ix, chosenEdge, 'min-cost-flow');
  const uncertifiedOrderIds: string[] = [];
  problem.orders.forEach((order, o) => {
    const bound = order.prunedScoreBound;
    if (bound === undefined || bound === null || bound < ix.minScore) return; // nothing worth having was left out
    if (bound > result.orderDual[o]! + 1e-7) uncertifiedOrderIds.push(order.orderId);
  });
  return { ...plan, certifiedOptimal: uncertifiedOrderIds.length === 0, uncertifiedOrderIds };
}

/** The obvious plan for comparison: take pairs best-score first while the order is open and the craftsman has a slot. */
export function greedyAssign<D>(problem: AssignmentProblem<D>): AssignmentPlan<D> {
  const ix = indexProblem(problem);
  const byScore = ix.edges.map((_, e) => e).sort((a, b) => ix.edges[b]!.score - ix.edges[a]!.score || a - b);
  const chosenEdge = new Int32Array(problem.orders.length).fill(-1);
  const slotsLeft = [...ix.capacities];
  for (const e of byScore) {
    const edge = ix.edges[e]!;
    if (chosenEdge[edge.order]! >= 0 || slotsLeft[edge.craftsman]! <= 0) continue;
    chosenEdge[edge.order] = e;
    slotsLeft[edge.craftsman] = slotsLeft[edge.craftsman]! - 1;
  }
  return { ...finishPlan(problem, ix, chosenEdge, 'greedy'), certifiedOptimal: false, uncertifiedOrderIds: [] };
}

export interface AssignOptions {
  /** Pairs kept per order (its best K); the rest only bound the certificate. Default 40. */
  topK?: number;
  minScore?: number;
  reach?: Reach;
  method?: 'min-cost-flow' | 'greedy';
}

/**
 * Convenience form over plain entities and any score function (`null` = not a pair): applies the hard
 * filters, keeps each order's top K, takes free slots from capacity − activeCount, and solves.
 * Scores every pair, so it suits hundreds × thousands; larger plans build the problem from the
 * candidate index (`CandidateIndex.topScored`) instead.
 */
export function assign(orders: readonly Order[], craftsmen: readonly Craftsman[], score: (order: Order, craftsman: Craftsman) => number | null, options: AssignOptions = {}): AssignmentPlan {
  const topK = options.topK ?? 40;
  const freeSlots = new Map(craftsmen.map((c) => [c._id, Math.max(0, c.capacity - c.activeCount)]));
  const problemOrders = orders.map((order) => {
    const scored: AssignmentCandidate[] = [];
    for (const craftsman of craftsmen) {
      if (ineligibility(order, craftsman, options.reach ?? null) !== null) continue;
      const s = score(order, craftsman);
      if (s !== null && Number.isFinite(s)) scored.push({ craftsmanId: craftsman._id, score: s });
    }
    scored.sort((a, b) => b.score - a.score || (a.craftsmanId < b.craftsmanId ? -1 : 1));
    return { orderId: order._id, candidates: scored.slice(0, topK), prunedScoreBound: scored[topK]?.score ?? null };
  });
  const problem: AssignmentProblem = { orders: problemOrders, freeSlots, minScore: options.minScore ?? 0 };
  return options.method === 'greedy' ? greedyAssign(problem) : solveAssignment(problem);
}
