import type { CandidateRankingService } from './matching/candidate-ranking-service.js';
import type { AutoDispatchService } from './matching/auto-dispatch-service.js';
import type { BatchPlanService } from './matching/batch-plan-service.js';
import type { MatchingPolicyService } from './matching/matching-policy-service.js';

export { PLAN_TTL_MINUTES, planRequestSchema, type PlanDoc } from './matching/batch-plan-service.js';

/**
 * 智能匹配 as one face over its parts, each with one job: policies per union org
 * (`matching/matching-policy-service.ts`), the candidate index and ranking
 * (`matching/candidate-ranking-service.ts`), auto-dispatch (`matching/auto-dispatch-service.ts`) and
 * batch plans (`matching/batch-plan-service.ts`). Nothing here wires other services: the composition
 * root (`services/index.ts`) hands each service what it reads.
 */
export function matchingService(parts: { policy: MatchingPolicyService; ranking: CandidateRankingService; auto: AutoDispatchService; plans: BatchPlanService }) {
  const { policy, ranking, auto, plans } = parts;
  return {
    autoDispatch: auto.autoDispatch,
    effectivePolicy: policy.effectivePolicy,
    governingOrg: policy.governingOrg,
    getPolicy: policy.getPolicy,
    putPolicy: policy.putPolicy,
    auditTrail: policy.auditTrail,
    taxonomyChanged: ranking.taxonomyChanged,
    decisionRecord: ranking.decisionRecord,
    syncCraftsman: ranking.syncCraftsman,
    orderClosed: ranking.orderClosed,
    candidates: ranking.candidates,
    createPlan: plans.createPlan,
    getPlan: plans.getPlan,
    applyPlan: plans.applyPlan,
  };
}

export type MatchingService = ReturnType<typeof matchingService>;
