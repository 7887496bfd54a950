import { matchFactors, type MatchFactor, type MatchingPolicy } from './policy.js';
import type { RankedCandidate } from './score.js';

/**
 * 派单决策记录: every dispatch decision kept as feedback for matching — the ranked list the decider
 * saw, whom they chose, and later what came of it. One record per offer (its `_id` is the offer's id),
 * written in the same transaction as the offer, so a decision is never made without its record.
 */
export const decisionKinds = ['manual', 'auto', 'plan'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionKindLabels: Record<DecisionKind, string> = { manual: '人工派单', auto: '系统自动派单', plan: '批量派单方案' };

export const decisionOutcomes = ['pending', 'declined', 'expired', 'withdrawn', 'accepted', 'completed'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** How many of the ranked list are kept: what the dispatch board shows by default. */
export const SHOWN_CANDIDATES = 10;

/** One candidate as ranked when the decision was made. */
export interface DecisionCandidate {
  craftsmanId: string;
  /** 1-based rank in the list shown; null for a chosen craftsman the list did not show. */
  rank: number | null;
  total: number;
  /** Raw factor values (0..1) in `DispatchDecision.factors` order: what a refit re-weighs. */
  values: number[];
  weakFit: boolean;
}

export interface DispatchDecision {
  _id: string;
  offerId: string;
  orderId: string;
  /** The org whose policy ranked the list (the governing org of the order), and its ancestors: whose staff may read it. */
  orgId: string | null;
  orgAncestorIds: string[];
  kind: DecisionKind;
  decidedBy: string;
  decidedAt: string;
  /** The weights that ranked the list and a short fingerprint of them. */
  policyVersion: string;
  weights: Record<MatchFactor, number>;
  factors: MatchFactor[];
  shown: DecisionCandidate[];
  chosen: DecisionCandidate;
  outcome: { status: DecisionOutcome; at: string | null; rating: number | null; reason: string | null };
  [key: string]: unknown;
}

/** A fingerprint of the weights, readable: `skill10-grade4-…`; equal weights give equal versions. */
export const policyVersion = (weights: Record<MatchFactor, number>) => matchFactors.map((f) => `${f}${weights[f]}`).join('-');

const asCandidate = (c: RankedCandidate, rank: number | null): DecisionCandidate => ({
  craftsmanId: c.craftsmanId,
  rank,
  total: c.total,
  values: matchFactors.map((f) => c.factors.find((x) => x.factor === f)?.value ?? 0),
  weakFit: c.weakFit,
});

/** The record of one decision: `ranked` as shown (best first), `chosen` explained even when the list did not show them. */
export function dispatchDecision(input: {
  offerId: string;
  orderId: string;
  org: { _id: string; ancestorIds: string[] } | null;
  kind: DecisionKind;
  decidedBy: string;
  decidedAt: string;
  policy: MatchingPolicy;
  ranked: readonly RankedCandidate[];
  chosen: RankedCandidate;
}): DispatchDecision {
  const shown = input.ranked.slice(0, SHOWN_CANDIDATES).map((c, i) => asCandidate(c, i + 1));
  const chosen = shown.find((c) => c.craftsmanId === input.chosen.craftsmanId) ?? asCandidate(input.chosen, null);
  return {
    _id: input.offerId,
    offerId: input.offerId,
    orderId: input.orderId,
    orgId: input.org?._id ?? null,
    orgAncestorIds: input.org?.ancestorIds ?? [],
    kind: input.kind,
    decidedBy: input.decidedBy,
    decidedAt: input.decidedAt,
    policyVersion: policyVersion(input.policy.weights),
    weights: { ...input.policy.weights },
    factors: [...matchFactors],
    shown,
    chosen,
    outcome: { status: 'pending', at: null, rating: null, reason: null },
  };
}

/** Where an outcome may move from: a later event never undoes a later state (a rating never returns to accepted). */
export const OUTCOME_FROM: Record<Exclude<DecisionOutcome, 'pending'>, readonly DecisionOutcome[]> = {
  declined: ['pending'],
  expired: ['pending'],
  withdrawn: ['pending'],
  accepted: ['pending'],
  completed: ['pending', 'accepted'],
};
