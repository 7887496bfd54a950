import { z } from 'zod';
import { urgencies, type Urgency } from '../orders/order.js';

/** The soft factors a candidate is scored on; each yields a raw value in 0..1. */
export const matchFactors = ['skill', 'grade', 'text', 'region', 'honor', 'rating', 'experience', 'load', 'recency'] as const;
export type MatchFactor = (typeof matchFactors)[number];

/** What a union officer reads next to each factor. */
export const matchFactorLabels: Record<MatchFactor, string> = {
  skill: '技能匹配',
  grade: '技能等级',
  text: '需求描述相关度',
  region: '地域距离',
  honor: '荣誉级别',
  rating: '服务评分',
  experience: '同类需求经验',
  load: '当前负荷',
  recency: '近期派单均衡',
};

const weight = z.number().min(0).max(10);

/**
 * 匹配策略: how candidates are weighed and how auto-dispatch behaves. A union org may override any
 * field of its parent's policy; what it leaves unset is inherited (see `mergePolicy`).
 */
export const matchingPolicySchema = z.strictObject({
  weights: z.strictObject(Object.fromEntries(matchFactors.map((f) => [f, weight])) as Record<MatchFactor, typeof weight>),
  /** Declined/expired offers in a row before auto-dispatch stops and escalates to a person. */
  maxAutoDispatchAttempts: z.number().int().min(1).max(10),
  /** C in the Bayesian average (C·m + Σr)/(C + n): how many "prior" ratings a newcomer is assumed to have. */
  ratingPriorWeight: z.number().min(0).max(100),
  /** m in the Bayesian average: the rating assumed before evidence (1..5). */
  ratingPriorMean: z.number().min(1).max(5),
  /** Minutes a craftsman has to answer an offer, by the order's urgency. */
  offerDeadlineMinutes: z.strictObject(Object.fromEntries(urgencies.map((u) => [u, z.number().int().min(5).max(60 * 24 * 14)])) as Record<Urgency, z.ZodNumber>),
  /** Hours an approved order may wait for acceptance before the parent org is told (escalation), by urgency. */
  acceptSlaHours: z.strictObject(Object.fromEntries(urgencies.map((u) => [u, z.number().min(1).max(24 * 60)])) as Record<Urgency, z.ZodNumber>),
  /** Total score (0..100) below which auto-dispatch and batch plans leave an order for a person. */
  minScore: z.number().min(0).max(100),
  /** Days after which a craftsman's last assignment no longer counts against them. */
  recencyWindowDays: z.number().min(1).max(365),
});
export type MatchingPolicy = z.infer<typeof matchingPolicySchema>;

/** A policy as stored on a union org: any field may be missing, weights one by one. */
export const matchingPolicyOverrideSchema = matchingPolicySchema.extend({
  weights: matchingPolicySchema.shape.weights.partial(),
  offerDeadlineMinutes: matchingPolicySchema.shape.offerDeadlineMinutes.partial(),
  acceptSlaHours: matchingPolicySchema.shape.acceptSlaHours.partial(),
}).partial();
export type MatchingPolicyOverride = z.infer<typeof matchingPolicyOverrideSchema>;

/**
 * Skill decides most; place next, because on-site help across the prefecture costs a day of travel;
 * honours, ratings and experience separate the qualified; load and recency spread the work.
 */
export const DEFAULT_MATCHING_POLICY: MatchingPolicy = matchingPolicySchema.parse({
  weights: { skill: 10, grade: 4, text: 3, region: 5, honor: 2, rating: 2, experience: 2, load: 2, recency: 1 },
  maxAutoDispatchAttempts: 3,
  ratingPriorWeight: 5,
  ratingPriorMean: 4,
  offerDeadlineMinutes: { low: 2880, normal: 1440, high: 240, critical: 60 },
  acceptSlaHours: { low: 168, normal: 72, high: 24, critical: 6 },
  minScore: 35,
  recencyWindowDays: 14,
});

/**
 * The effective policy of an org: start from the defaults, then apply each override from the root
 * down to the org itself (`parentChain` ordered root first, the org last). A child's set field wins;
 * a field it leaves unset keeps the nearest ancestor's value.
 */
export function mergePolicy(parentChain: ReadonlyArray<MatchingPolicyOverride | null | undefined>, base: MatchingPolicy = DEFAULT_MATCHING_POLICY): MatchingPolicy {
  let merged: MatchingPolicy = structuredClone(base);
  for (const raw of parentChain) {
    if (!raw) continue;
    const override = matchingPolicyOverrideSchema.parse(raw);
    merged = {
      ...merged,
      ...definedOnly(override),
      weights: { ...merged.weights, ...definedOnly(override.weights ?? {}) },
      offerDeadlineMinutes: { ...merged.offerDeadlineMinutes, ...definedOnly(override.offerDeadlineMinutes ?? {}) },
      acceptSlaHours: { ...merged.acceptSlaHours, ...definedOnly(override.acceptSlaHours ?? {}) },
    };
  }
  return matchingPolicySchema.parse(merged);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How long an offer for an order of this urgency stays open. */
export const offerDeadlineMinutes = (policy: MatchingPolicy, urgency: Urgency) => policy.offerDeadlineMinutes[urgency];
