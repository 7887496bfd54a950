import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lpOptimum } from '../../../scripts/bench/lp-oracle.js';
import { assign, greedyAssign, solveAssignment, type AssignmentProblem } from '../../../src/domain/matching/index.js';
import { buildCraftsman, buildOrder } from './builders.js';

/** Random instances: a few orders and craftsmen, sparse pairs with scores 1..100 (ties on purpose), small capacities. */
const problemArb = fc
  .record({
    orderCount: fc.integer({ min: 1, max: 9 }),
    craftsmanCount: fc.integer({ min: 1, max: 7 }),
    slots: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }),
    pairs: fc.array(fc.record({ o: fc.nat(8), c: fc.nat(6), score: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(50, 60)) }), { maxLength: 40 }),
    minScore: fc.constantFrom(0, 30),
  })
  .map(({ orderCount, craftsmanCount, slots, pairs: raw, minScore }): AssignmentProblem => {
    const pairs = raw.filter((p, i) => raw.findIndex((q) => q.o === p.o && q.c === p.c) === i); // one score per pair
    const orders = Array.from({ length: orderCount }, (_, o) => ({
      orderId: `o${o}`,
      candidates: pairs.filter((p) => p.o < orderCount && p.c < craftsmanCount && p.o === o).map((p) => ({ craftsmanId: `c${p.c}`, score: p.score })),
    }));
    const freeSlots = new Map(Array.from({ length: craftsmanCount }, (_, c) => [`c${c}`, slots[c]!] as const));
    return { orders, freeSlots, minScore };
  });

/** The pairs the solvers may use: distinct, with a free slot, at or above minScore (first occurrence wins, as in the solver). */
function eligibleEdges(problem: AssignmentProblem) {
  return problem.orders.flatMap((o) => {
    const seen = new Set<string>();
    return o.candidates
      .filter((c) => c.score >= (problem.minScore ?? 0) && c.score > 0 && (problem.freeSlots.get(c.craftsmanId) ?? 0) > 0 && !seen.has(c.craftsmanId) && seen.add(c.craftsmanId))
      .map((c) => ({ orderId: o.orderId, craftsmanId: c.craftsmanId, score: c.score }));
  });
}

describe('batch assignment (max total score)', () => {
  it('when solved, then no craftsman exceeds free slots, no order gets two, and only given eligible pairs are used', () => {
    fc.assert(
      fc.property(problemArb, (problem) => {
        const plan = solveAssignment(problem);
        const allowed = new Set(eligibleEdges(problem).map((e) => `${e.orderId}|${e.craftsmanId}`));
        const perCraftsman = new Map<string, number>();
        const orders = new Set<string>();
        for (const p of plan.pairs) {
          expect(allowed.has(`${p.orderId}|${p.craftsmanId}`)).toBe(true);
          expect(orders.has(p.orderId)).toBe(false);
          orders.add(p.orderId);
          perCraftsman.set(p.craftsmanId, (perCraftsman.get(p.craftsmanId) ?? 0) + 1);
        }
        for (const [c, n] of perCraftsman) expect(n).toBeLessThanOrEqual(problem.freeSlots.get(c) ?? 0);
        expect(plan.pairs.length + plan.unassigned.length).toBe(problem.orders.length);
      }),
      { numRuns: 300 },
    );
  });

  it('when compared with greedy, then the total is never lower', () => {
    fc.assert(
      fc.property(problemArb, (problem) => {
        expect(solveAssignment(problem).totalScore).toBeGreaterThanOrEqual(greedyAssign(problem).totalScore - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('when compared with an LP solver on small instances, then the totals are equal', () => {
    fc.assert(
      fc.property(problemArb, (problem) => {
        const edges = eligibleEdges(problem);
        expect(solveAssignment(problem).totalScore).toBeCloseTo(lpOptimum(edges, problem.freeSlots), 6);
      }),
      { numRuns: 200 },
    );
  });

  it('when greedy takes the single best pair, then the optimum re-routes for a higher total', () => {
    // A likes X (10) and Y (9); B only likes X (8). Greedy: A–X, B unassigned = 10. Optimum: A–Y, B–X = 17.
    const problem: AssignmentProblem = {
      orders: [
        { orderId: 'A', candidates: [{ craftsmanId: 'X', score: 10 }, { craftsmanId: 'Y', score: 9 }] },
        { orderId: 'B', candidates: [{ craftsmanId: 'X', score: 8 }] },
        { orderId: 'C', candidates: [] },
      ],
      freeSlots: new Map([['X', 1], ['Y', 1]]),
    };
    expect(greedyAssign(problem).totalScore).toBe(10);
    const plan = solveAssignment(problem);
    expect(plan.totalScore).toBe(17);
    expect(plan.unassigned).toEqual([{ orderId: 'C', reason: 'NO_ELIGIBLE_CANDIDATE', message: expect.stringContaining('没有符合条件的候选人') }]);
  });

  it('when every candidate is taken by better pairs, then the order says so', () => {
    const problem: AssignmentProblem = {
      orders: [
        { orderId: 'A', candidates: [{ craftsmanId: 'X', score: 90 }] },
        { orderId: 'B', candidates: [{ craftsmanId: 'X', score: 40 }] },
      ],
      freeSlots: new Map([['X', 1]]),
    };
    expect(solveAssignment(problem).unassigned).toEqual([{ orderId: 'B', reason: 'CAPACITY_TAKEN_BY_BETTER_PAIRS', message: expect.any(String) }]);
  });

  it('when pairs were pruned but the order is served by a free craftsman, then the plan is certified optimal; when a better pruned pair might exist, it is not', () => {
    const certified = solveAssignment({
      orders: [{ orderId: 'A', candidates: [{ craftsmanId: 'X', score: 80 }], prunedScoreBound: 70 }],
      freeSlots: new Map([['X', 1]]),
    });
    expect(certified.certifiedOptimal).toBe(true);
    const uncertain = solveAssignment({
      orders: [
        { orderId: 'A', candidates: [{ craftsmanId: 'X', score: 90 }] },
        { orderId: 'B', candidates: [{ craftsmanId: 'X', score: 80 }], prunedScoreBound: 75 },
      ],
      freeSlots: new Map([['X', 1]]),
    });
    expect(uncertain.certifiedOptimal).toBe(false);
    expect(uncertain.uncertifiedOrderIds).toEqual(['B']);
  });

  it('when pruning to top K on random instances, then a certified plan equals the unpruned optimum', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 3 }), (problem, k) => {
        const pruned: AssignmentProblem = {
          ...problem,
          orders: problem.orders.map((o) => {
            const sorted = [...o.candidates].sort((a, b) => b.score - a.score);
            return { orderId: o.orderId, candidates: sorted.slice(0, k), prunedScoreBound: sorted[k]?.score ?? null };
          }),
        };
        const plan = solveAssignment(pruned);
        if (plan.certifiedOptimal) expect(plan.totalScore).toBeCloseTo(solveAssignment(problem).totalScore, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('when assigning entities with a score function, then filtered-out craftsmen are never used', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ status: fc.constantFrom('active', 'paused'), capacity: fc.integer({ min: 1, max: 3 }), active: fc.integer({ min: 0, max: 3 }), remoteOnly: fc.boolean() }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 }), (specs, orderCount) => {
        const craftsmen = specs.map((s, i) =>
          buildCraftsman({ _id: `c${i}`, status: s.status as 'active' | 'paused', capacity: s.capacity, activeCount: Math.min(s.active, s.capacity), serviceModes: s.remoteOnly ? ['remote'] : ['onsite'] }),
        );
        const orders = Array.from({ length: orderCount }, (_, i) => buildOrder({ _id: `o${i}`, excludedCraftsmanIds: i === 0 ? ['c0'] : [] }));
        const plan = assign(orders, craftsmen, (o, c) => 10 + ((o._id.charCodeAt(1) * 7 + c._id.charCodeAt(1) * 13) % 50));
        const used = new Map<string, number>();
        for (const p of plan.pairs) {
          const c = craftsmen.find((x) => x._id === p.craftsmanId)!;
          expect(c.status).toBe('active');
          expect(c.serviceModes).toContain('onsite');
          expect(p.orderId === 'o0' && p.craftsmanId === 'c0').toBe(false);
          used.set(c._id, (used.get(c._id) ?? 0) + 1);
          expect(used.get(c._id)!).toBeLessThanOrEqual(c.capacity - c.activeCount);
        }
      }),
      { numRuns: 200 },
    );
  });
});
