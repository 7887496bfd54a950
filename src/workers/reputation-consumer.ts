import type { DomainEvent } from '../domain/events/domain-event.js';
import type { ReputationService } from '../services/reputation-service.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Credits points and refreshes ratings when an enterprise confirms a service. Idempotent: ledger
 * lines are unique per order, craftsman and rule; the rating is recomputed from the orders; a flag
 * is only raised on an unflagged craftsman.
 */
export function reputationConsumer(reputation: Pick<ReputationService, 'onOrderConfirmed'>): EventConsumer {
  return {
    name: 'reputation',
    concurrency: 2,
    // A decided dispute may release the visit and hour points the order's confirmation held back.
    wants: (type) => type === 'order.confirmed' || type === 'service.dispute_decided',
    handle: (event: DomainEvent) => reputation.onOrderConfirmed(event),
  };
}
