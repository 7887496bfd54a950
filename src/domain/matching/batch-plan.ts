import { solveAssignment, greedyAssign, type AssignmentPlan, type AssignmentProblem } from './assignment.js';
import type { CandidateIndex } from './candidate-index.js';
import { prepareQuery, type MatchContext } from './factors.js';
import type { OrderQuery } from './profile.js';
import { explainCandidate, type RankedCandidate, type Reach } from './score.js';

export interface BatchPlanOptions {
  /** Pairs kept per order. Default 40; the plan says whether that was provably enough (`certifiedOptimal`). */
  topK?: number;
  /** Default: the policy's minScore. */
  minScore?: number;
  reach?: Reach;
  method?: 'min-cost-flow' | 'greedy';
}

/**
 * Plans many open orders at once over the candidate index: each order's best K+1 eligible craftsmen
 * (the index ranks exactly, see CandidateIndex), the first K as pairs and the (K+1)-th score as the
 * bound on what was left out; then the exact max-total plan, and explanations for the chosen pairs only.
 */
export function planBatch(queries: readonly OrderQuery[], index: CandidateIndex, ctx: MatchContext, options: BatchPlanOptions = {}): AssignmentPlan<RankedCandidate> {
  const topK = options.topK ?? 40;
  const context = index.contextFor(ctx);
  const freeSlots = new Map<string, number>();
  const orders = queries.map((query) => {
    const { entries } = index.topScored(query, context, { limit: topK + 1, reach: options.reach ?? null });
    for (const { profile } of entries) freeSlots.set(profile.craftsman._id, Math.max(0, profile.craftsman.capacity - profile.craftsman.activeCount));
    return {
      orderId: query.order._id,
      candidates: entries.slice(0, topK).map((e) => ({ craftsmanId: e.profile.craftsman._id, score: e.score })),
      prunedScoreBound: entries[topK]?.score ?? null,
    };
  });
  const problem: AssignmentProblem<RankedCandidate> = { orders, freeSlots, minScore: options.minScore ?? ctx.policy.minScore };
  const plan = options.method === 'greedy' ? greedyAssign(problem) : solveAssignment(problem);
  const queryById = new Map(queries.map((q) => [q.order._id, q]));
  for (const pair of plan.pairs) {
    const query = queryById.get(pair.orderId);
    const profile = index.get(pair.craftsmanId);
    if (query && profile) pair.detail = explainCandidate(prepareQuery(query, context), profile, context);
  }
  return plan;
}
