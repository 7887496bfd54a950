import { AppError } from '../../errors.js';
import { SHOWN_CANDIDATES, decideAutoDispatch } from '../../domain/matching/index.js';
import type { Order } from '../../domain/orders/order.js';
import type { DispatchService } from '../dispatch-service.js';
import type { SlaService } from '../sla-service.js';
import { SYSTEM_ACTOR } from '../shared.js';
import type { CandidateRankingService } from './candidate-ranking-service.js';
import type { MatchingPolicyService } from './matching-policy-service.js';

/**
 * 自动派单: an order that opens with auto-dispatch on is offered to the best candidate under the
 * governing org's policy, or escalated when there is none (or too many attempts failed). The
 * composition root hangs `autoDispatch` on the order service's "opened" hook.
 */
export function autoDispatchService(parts: { policy: MatchingPolicyService; ranking: CandidateRankingService; dispatch: Pick<DispatchService, 'offer'>; sla: Pick<SlaService, 'escalate'> }) {
  const { policy: policies, ranking, dispatch, sla } = parts;
  return {
    async autoDispatch(order: Order): Promise<void> {
      const org = await policies.governingOrg(order);
      const policy = await policies.effectivePolicy(org);
      const ranked = await ranking.rankFresh(order, policy, org?.regionCode ?? null, SHOWN_CANDIDATES);
      const decision = decideAutoDispatch(order, ranked, policy);
      if (decision.kind === 'escalate') {
        await sla.escalate(order, decision.code === 'MAX_ATTEMPTS_REACHED' ? 'dispatch_failed' : 'no_candidate', decision.message);
        return;
      }
      try {
        await dispatch.offer(SYSTEM_ACTOR, order._id, { craftsmanId: decision.candidate.craftsmanId, expiresInMinutes: decision.expiresInMinutes, note: `系统自动派单：${decision.candidate.summary}` }, { auto: true, ranked });
      } catch (error) {
        // A race (the order was taken, the craftsman filled up) leaves the order as it is for people to handle.
        if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
      }
    },
  };
}

export type AutoDispatchService = ReturnType<typeof autoDispatchService>;
