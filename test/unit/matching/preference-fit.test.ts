import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_POLICY, matchFactors, type DecisionCandidate, type DispatchDecision, type MatchFactor } from '../../../src/domain/matching/index.js';
import { fitAndMeasure, fitWeights, MIN_FIT_FACTOR_WEIGHT, preferencePairs, rankUnder, topKAgreement } from '../../../src/domain/matching/preference-fit.js';

const values = (v: Partial<Record<MatchFactor, number>>) => matchFactors.map((f) => v[f] ?? 0.5);
const candidate = (id: string, rank: number | null, v: Partial<Record<MatchFactor, number>>, weakFit = false): DecisionCandidate => ({ craftsmanId: id, rank, total: 0, values: values(v), weakFit });

function decision(shown: DecisionCandidate[], chosenId: string, overrides: Partial<DispatchDecision> = {}): DispatchDecision {
  return {
    _id: `off_${chosenId}_${shown.length}`,
    offerId: 'off',
    orderId: 'ord',
    orgId: 'org_522701',
    orgAncestorIds: [],
    kind: 'manual',
    decidedBy: 'usr',
    decidedAt: '2026-12-01T00:00:00.000Z',
    policyVersion: 'v',
    weights: { ...DEFAULT_MATCHING_POLICY.weights },
    factors: [...matchFactors],
    shown,
    chosen: shown.find((c) => c.craftsmanId === chosenId)!,
    outcome: { status: 'pending', at: null, rating: null, reason: null },
    ...overrides,
  };
}

/** Staff always pick the nearest of a list the engine ranked by honours: region vs honour trade-offs. */
function nearestOverHonoured(i: number): DispatchDecision {
  const shown = [
    // Under the default weights (region 5, honour 2): 5.33, 5.17, 5 points of difference in that order.
    candidate(`famous${i}`, 1, { honor: 1, region: 2 / 3 }),
    candidate(`mid${i}`, 2, { honor: 0.5, region: 5 / 6 }),
    candidate(`near${i}`, 3, { honor: 0, region: 1 }),
  ];
  return decision(shown, `near${i}`, { _id: `off_${i}`, decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
}

describe('learning weights from dispatch decisions', () => {
  it('when staff choose the third of a list, then the pairs are the chosen one over the two ranked above it only', () => {
    const d = decision([candidate('a', 1, {}), candidate('b', 2, {}), candidate('c', 3, { region: 1 }), candidate('d', 4, {})], 'c');
    const pairs = preferencePairs([d]);
    expect(pairs).toHaveLength(2);
    expect(pairs[0]!.difference[matchFactors.indexOf('region')]).toBeCloseTo(0.5);
  });

  it('when a decision was the engine\'s own (auto-dispatch) or the gate decided the pair, then it teaches nothing', () => {
    const auto = decision([candidate('a', 1, {}), candidate('b', 2, {})], 'b', { kind: 'auto' });
    const acrossGate = decision([candidate('a', 1, {}), candidate('weak', 2, {}, true)], 'weak');
    expect(preferencePairs([auto, acrossGate])).toHaveLength(0);
    expect(topKAgreement([auto], DEFAULT_MATCHING_POLICY.weights)).toBeNull();
  });

  it('when staff keep choosing the nearest over the honoured, then the fit raises place and lowers honours, within the policy\'s bounds', () => {
    const history = Array.from({ length: 40 }, (_, i) => nearestOverHonoured(i));
    const fitted = fitWeights(preferencePairs(history), DEFAULT_MATCHING_POLICY.weights);
    expect(fitted.region).toBeGreaterThan(DEFAULT_MATCHING_POLICY.weights.region);
    expect(fitted.honor).toBeLessThan(DEFAULT_MATCHING_POLICY.weights.honor);
    for (const f of matchFactors) {
      expect(fitted[f]).toBeGreaterThanOrEqual(0);
      expect(fitted[f]).toBeLessThanOrEqual(10);
    }
    expect(fitted.skill).toBeGreaterThanOrEqual(MIN_FIT_FACTOR_WEIGHT);
    expect(fitted.text).toBeGreaterThanOrEqual(MIN_FIT_FACTOR_WEIGHT);
    expect(rankUnder(history[0]!, DEFAULT_MATCHING_POLICY.weights)).toBe(3);
    expect(rankUnder(history[0]!, fitted)).toBe(1);
  });

  it('when there are no pairs, then the weights stay as they are', () => {
    expect(fitWeights([], DEFAULT_MATCHING_POLICY.weights)).toEqual(DEFAULT_MATCHING_POLICY.weights);
  });

  it('the relevance gate holds under any weights: a chosen candidate without fit evidence never ranks above one with it', () => {
    const d = decision([candidate('fit', 1, { region: 0, honor: 0 }), candidate('weak', 2, { region: 1, honor: 1 }, true)], 'weak');
    expect(rankUnder(d, { ...DEFAULT_MATCHING_POLICY.weights, region: 10, honor: 10, skill: 1, text: 1 })).toBe(2);
  });

  it('fits on the oldest 70 % and measures top-3 agreement on the newest 30 %', () => {
    const history = Array.from({ length: 20 }, (_, i) => nearestOverHonoured(i));
    const result = fitAndMeasure(history, DEFAULT_MATCHING_POLICY.weights);
    expect(result).toMatchObject({ decisions: 20, fitted: 14, heldOut: 6, pairs: 28 });
    // Third of three is always in the top 3; the first place is what the fit changes.
    expect(result.before).toBe(1);
    expect(topKAgreement(history.slice(14), result.proposed, 1)).toBe(1);
    expect(topKAgreement(history.slice(14), result.current, 1)).toBe(0);
  });
});
