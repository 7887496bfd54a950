import { z } from 'zod';
import { conflict, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { staffReachesOrg } from '../domain/access/scope.js';
import { fitAndMeasure, matchFactorLabels, matchFactors, policyVersion } from '../domain/matching/index.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Actor } from '../domain/users/user.js';
import type { DecisionFeedbackService } from './decision-feedback-service.js';
import type { ServiceDeps } from './deps.js';
import type { MatchingService } from './matching-service.js';

/** Fewer staff decisions than this say too little to move an org's weights. */
export const MIN_DECISIONS_FOR_PROPOSAL = 20;

export const acceptProposalSchema = z.strictObject({
  /** The version of the weights the staff member was shown (`proposed.policyVersion`): what they accept. */
  policyVersion: z.string().min(1).max(200),
});

/**
 * 权重调整建议: the weights that would have agreed better with an org's own dispatch decisions, with the
 * gain measured on decisions the fit did not see. Proposed only; the org's policy changes when a
 * staff member accepts it, through the same audited update as any policy change.
 */
export function policyProposalService(deps: ServiceDeps, parts: { matching: MatchingService; feedback: DecisionFeedbackService }) {
  const { matching, feedback } = parts;
  const orgs = deps.store.collection<UnionOrg>('orgs');

  async function orgInReach(actor: Actor, orgId: string): Promise<UnionOrg> {
    const org = await orgs.findById(orgId);
    if (!org || !staffReachesOrg(actor, org)) throw notFound('ORG_NOT_FOUND', '工会组织不存在');
    return org;
  }

  async function compute(org: UnionOrg) {
    const current = (await matching.effectivePolicy(org)).weights;
    const fit = fitAndMeasure(await feedback.history(org._id), current);
    const gain = fit.before !== null && fit.after !== null ? Math.round((fit.after - fit.before) * 1000) / 1000 : null;
    const factors = matchFactors.map((f) => ({ factor: f, label: matchFactorLabels[f], current: current[f], proposed: fit.proposed[f] }));
    const base = {
      orgId: org._id,
      decisions: fit.decisions,
      fittedOn: fit.fitted,
      heldOut: fit.heldOut,
      pairs: fit.pairs,
      agreementTop3: { before: fit.before, after: fit.after, gain },
      current: { weights: current, policyVersion: policyVersion(current) },
    };
    if (fit.decisions < MIN_DECISIONS_FOR_PROPOSAL) {
      return { ...base, ready: false as const, message: `派单决策记录 ${fit.decisions} 条，少于 ${MIN_DECISIONS_FOR_PROPOSAL} 条，暂不提出权重调整建议`, proposed: null, factors };
    }
    if (gain === null || gain <= 0 || policyVersion(fit.proposed) === policyVersion(current)) {
      return { ...base, ready: false as const, message: '按本级派单决策拟合的权重在留出的决策上没有提高前三名命中率，维持现有策略', proposed: null, factors };
    }
    const message = `按最近 ${fit.decisions} 条人工派单决策拟合：工作人员所选人员进入前三名的比例（留出的 ${fit.heldOut} 条）由 ${pct(fit.before)} 提高到 ${pct(fit.after)}`;
    return { ...base, ready: true as const, message, proposed: { weights: fit.proposed, policyVersion: policyVersion(fit.proposed) }, factors };
  }

  return {
    /** The proposal for an org, computed now from its decisions; reading it changes nothing. */
    async proposal(actor: Actor, orgId: string) {
      authorize(actor, 'matching_policy.read', '只有工会工作人员可以查看匹配策略');
      return compute(await orgInReach(actor, orgId));
    },

    /** Makes the proposal the org's own weights, if it is still the one the staff member saw. */
    async accept(actor: Actor, orgId: string, input: z.infer<typeof acceptProposalSchema>) {
      authorize(actor, 'matching_policy.write', '只有工会工作人员可以修改匹配策略');
      const org = await orgInReach(actor, orgId);
      const now = await compute(org);
      if (!now.ready) throw conflict('NO_POLICY_PROPOSAL', now.message);
      if (now.proposed.policyVersion !== input.policyVersion) {
        throw conflict('POLICY_PROPOSAL_CHANGED', '派单决策记录已更新，权重建议随之变化，请重新查看后再采纳', { proposed: now.proposed });
      }
      const own = (await matching.getPolicy(actor, orgId)).own ?? {};
      return matching.putPolicy(actor, orgId, { ...own, weights: now.proposed.weights }, {
        action: 'matching_policy.proposal_accepted',
        details: { decisions: now.decisions, heldOut: now.heldOut, agreementTop3: now.agreementTop3, from: now.current.weights },
      });
    },
  };
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

export type PolicyProposalService = ReturnType<typeof policyProposalService>;
