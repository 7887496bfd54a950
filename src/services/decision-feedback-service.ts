import { authorize } from '../domain/access/policy.js';
import { governingOrgScope } from '../domain/access/scope.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import { OUTCOME_FROM, type DecisionOutcome, type DispatchDecision } from '../domain/matching/dispatch-decision.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { and, paginate } from './shared.js';

/** The offer events that end a decision, and the outcome each one means. */
const OFFER_OUTCOMES: Partial<Record<DomainEvent['type'], Exclude<DecisionOutcome, 'pending' | 'completed'>>> = {
  'offer.accepted': 'accepted',
  'offer.declined': 'declined',
  'offer.expired': 'expired',
  'offer.withdrawn': 'withdrawn',
};
export const decisionOutcomeEvents = [...Object.keys(OFFER_OUTCOMES), 'order.confirmed'] as Array<DomainEvent['type']>;

/**
 * 派单反馈: the stored decisions (written with each offer by the dispatch service) and their outcomes,
 * which arrive later as events: the offer's answer, then the enterprise's confirmation and rating.
 */
export function decisionFeedbackService(deps: ServiceDeps) {
  const decisions = deps.store.collection<DispatchDecision>('dispatchDecisions');

  return {
    /**
     * Applies outcome events (inside the consumer's transaction). Idempotent: each outcome moves only
     * from the states it may follow, so an event seen twice, or late, changes nothing.
     */
    async applyOutcomes(events: DomainEvent[]): Promise<void> {
      for (const event of events) {
        const status = OFFER_OUTCOMES[event.type];
        const at = event.occurredAt;
        if (status) {
          const reason = typeof event.payload.reason === 'string' ? event.payload.reason : null;
          await decisions.updateOne({ _id: event.aggregateId, 'outcome.status': { $in: [...OUTCOME_FROM[status]] } }, { $set: { outcome: { status, at, rating: null, reason } } });
        } else if (event.type === 'order.confirmed' && typeof event.payload.craftsmanId === 'string') {
          const rating = typeof event.payload.rating === 'number' ? event.payload.rating : null;
          await decisions.updateMany(
            { orderId: event.aggregateId, 'chosen.craftsmanId': event.payload.craftsmanId, 'outcome.status': { $in: [...OUTCOME_FROM.completed] } },
            { $set: { outcome: { status: 'completed', at, rating, reason: null } } },
          );
        }
      }
    },

    /** Decisions in the actor's scope, newest first. */
    async list(actor: Actor, query: PageQuery & { orgId?: string; orderId?: string; outcome?: DecisionOutcome }) {
      authorize(actor, 'dispatch_feedback.read', '只有工会工作人员可以查看派单决策记录');
      const filters: Filter[] = [governingOrgScope(actor)];
      if (query.orgId) filters.push({ orgId: query.orgId });
      if (query.orderId) filters.push({ orderId: query.orderId });
      if (query.outcome) filters.push({ 'outcome.status': query.outcome });
      return paginate(decisions, and(...filters), query, { decidedAt: -1, _id: -1 });
    },

    /** Every decision ranked under this org's policy or an org below it, oldest first (for fitting). */
    history: (orgId: string) => decisions.find({ $or: [{ orgId }, { orgAncestorIds: orgId }] }, { sort: { decidedAt: 1, _id: 1 } }),
  };
}

export type DecisionFeedbackService = ReturnType<typeof decisionFeedbackService>;
