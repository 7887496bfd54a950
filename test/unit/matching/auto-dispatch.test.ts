import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, decideAutoDispatch, DEFAULT_MATCHING_POLICY, maxWeightBMatching, planBatch, prepareOrder } from '../../../src/domain/matching/index.js';
import { buildCraftsman, buildOrder, context, segment, taxonomy } from './builders.js';

const candidate = (total: number) => ({ craftsmanId: 'c1', name: '王师傅', total, factors: [], reasons: [], summary: '', weakFit: false });

describe('auto-dispatch', () => {
  it('when the best candidate clears minScore, then it is offered with the deadline for the urgency', () => {
    const decision = decideAutoDispatch({ dispatchFailures: 0, urgency: 'critical' }, [candidate(80)], DEFAULT_MATCHING_POLICY);
    expect(decision).toMatchObject({ kind: 'offer', expiresInMinutes: 60 });
  });

  it('when three offers in a row were declined or expired, then a person takes over', () => {
    expect(decideAutoDispatch({ dispatchFailures: 3, urgency: 'normal' }, [candidate(90)], DEFAULT_MATCHING_POLICY)).toMatchObject({ kind: 'escalate', code: 'MAX_ATTEMPTS_REACHED' });
  });

  it('when nobody reaches minScore, then a person takes over', () => {
    expect(decideAutoDispatch({ dispatchFailures: 0, urgency: 'normal' }, [candidate(10)], DEFAULT_MATCHING_POLICY)).toMatchObject({ kind: 'escalate', code: 'NO_CANDIDATE_ABOVE_MIN_SCORE' });
    expect(decideAutoDispatch({ dispatchFailures: 0, urgency: 'normal' }, [], DEFAULT_MATCHING_POLICY)).toMatchObject({ kind: 'escalate', message: '没有符合条件的候选人，转人工派单' });
  });
});

describe('min-cost flow duals', () => {
  it('when solved, then u + v ≥ score on every pair, with equality on chosen pairs, and Σu + Σcap·v = total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ o: fc.nat(7), c: fc.nat(5), score: fc.integer({ min: 1, max: 50 }) }), { maxLength: 30 }),
        (orderCount, caps, raw) => {
          const edges = raw.filter((e, i) => e.o < orderCount && e.c < caps.length && raw.findIndex((x) => x.o === e.o && x.c === e.c) === i).map((e) => ({ order: e.o, craftsman: e.c, score: e.score }));
          const r = maxWeightBMatching(orderCount, caps, edges);
          for (const e of edges) {
            if ((caps[e.craftsman] ?? 0) === 0) continue;
            const slack = r.orderDual[e.order]! + r.craftsmanDual[e.craftsman]! - e.score;
            expect(slack).toBeGreaterThanOrEqual(-1e-7);
            if (r.craftsmanOfOrder[e.order] === e.craftsman) expect(Math.abs(slack)).toBeLessThan(1e-7);
          }
          const dual = r.orderDual.reduce((s, u) => s + u, 0) + caps.reduce((s, cap, c) => s + cap * r.craftsmanDual[c]!, 0);
          expect(dual).toBeCloseTo(r.total, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('batch plan over the candidate index', () => {
  it('when two orders compete for one welder, then the plan keeps the total highest and explains the chosen pairs', () => {
    const index = new CandidateIndex(taxonomy, segment);
    index.upsert(buildCraftsman({ _id: 'welder', skills: [{ name: '焊接', grade: 1 }], capacity: 1 }));
    index.upsert(buildCraftsman({ _id: 'tester', skills: [{ name: '无损检测', grade: 1 }, { name: '压力容器', grade: 2 }], capacity: 1 }));
    const weld = prepareOrder(buildOrder({ _id: 'weld', requiredSkills: ['焊接'] }), taxonomy, segment);
    const vessel = prepareOrder(buildOrder({ _id: 'vessel', requiredSkills: ['压力容器'] }), taxonomy, segment);
    const plan = planBatch([weld, vessel], index, context(), { topK: 5, minScore: 0 });
    expect(plan.pairs.map((p) => `${p.orderId}→${p.craftsmanId}`).sort()).toEqual(['vessel→tester', 'weld→welder']);
    expect(plan.pairs.find((p) => p.orderId === 'weld')?.detail?.summary).toContain('技能匹配：焊接(一级/高级技师)');
    expect(plan.certifiedOptimal).toBe(true);
  });
});
