import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_POLICY, matchingPolicySchema, mergePolicy, offerDeadlineMinutes } from '../../../src/domain/matching/index.js';

describe('matching policy', () => {
  it('when nothing is overridden, then the defaults apply (3 auto-dispatch attempts, deadlines by urgency)', () => {
    const policy = mergePolicy([]);
    expect(policy).toEqual(DEFAULT_MATCHING_POLICY);
    expect(policy.maxAutoDispatchAttempts).toBe(3);
    expect(offerDeadlineMinutes(policy, 'critical')).toBe(60);
    expect(offerDeadlineMinutes(policy, 'low')).toBe(2880);
  });

  it('when a county overrides one weight under a prefecture override, then the child wins and the rest is inherited', () => {
    const prefecture = { weights: { region: 8, honor: 0 }, minScore: 50, offerDeadlineMinutes: { high: 120 } };
    const county = { weights: { region: 2 } };
    const policy = mergePolicy([null, prefecture, county]);
    expect(policy.weights.region).toBe(2);
    expect(policy.weights.honor).toBe(0);
    expect(policy.weights.skill).toBe(DEFAULT_MATCHING_POLICY.weights.skill);
    expect(policy.minScore).toBe(50);
    expect(policy.offerDeadlineMinutes).toEqual({ ...DEFAULT_MATCHING_POLICY.offerDeadlineMinutes, high: 120 });
  });

  it('when an override sets a field to undefined, then the parent value stays', () => {
    expect(mergePolicy([{ minScore: 60 }, { minScore: undefined }]).minScore).toBe(60);
  });

  it('when a weight is outside 0..10, then the policy is refused', () => {
    expect(() => mergePolicy([{ weights: { skill: 11 } }])).toThrow();
    expect(matchingPolicySchema.safeParse({ ...DEFAULT_MATCHING_POLICY, weights: { ...DEFAULT_MATCHING_POLICY.weights, text: -1 } }).success).toBe(false);
  });
});
