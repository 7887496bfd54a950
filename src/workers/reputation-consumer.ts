import type { DomainEvent } from '../domain/events/domain-event.js';
import type { ReputationService } from '../services/reputation-service.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Credits points and refreshes ratings when an enterprise confirms a service. Idempotent: ledger
 * lines are unique per order, craftsman and rule; the rating is recomputed from the orders; a flag
 * is only raised on an unflagged craftsman. Confirmations are few, and each commits its own lines,
 * so the batch is acknowledged after them.
 */
export function reputationConsumer(reputation: Pick<ReputationService, 'onOrderConfirmed' | 'onComplaintDecided'>): EventConsumer {
  return {
    name: 'reputation',
    batchSize: 50,
    // A decided dispute may release the visit and hour points the order's confirmation held back.
    // An upheld complaint about the craftsman counts in the exit rule.
    wants: (type) => type === 'order.confirmed' || type === 'service.dispute_decided' || type === 'order.complaint_decided',
    async handleBatch(events: DomainEvent[], acknowledge) {
      for (const event of events) {
        if (event.type === 'order.complaint_decided') await reputation.onComplaintDecided(event);
        else await reputation.onOrderConfirmed(event);
      }
      await acknowledge();
    },
  };
}
