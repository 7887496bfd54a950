import type { DomainEvent } from '../domain/events/domain-event.js';
import type { SearchService } from '../services/search-service.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Keeps the search indexes in line with the store: each event re-reads the document it concerns and
 * upserts it (or removes it when gone), so replays and out-of-order deliveries converge.
 */
export function searchIndexer(search: SearchService): EventConsumer {
  return {
    name: 'index',
    // While search is down jobs back off and retry (about half an hour); the search watch rebuilds after longer outages.
    attempts: 12,
    concurrency: 16,
    wants: (type) => type.startsWith('craftsman.') || type.startsWith('order.') || type.startsWith('offer.'),
    async handle(event: DomainEvent) {
      if (event.aggregateType === 'craftsman') return search.syncCraftsman(event.aggregateId);
      const orderId = event.aggregateType === 'order' ? event.aggregateId : (event.payload.orderId as string | undefined);
      if (orderId) await search.syncOrder(orderId);
      // A confirmation moves the craftsman's rating and completed count, which search sorts by.
      const craftsmanId = event.payload.craftsmanId;
      if (event.type === 'order.confirmed' && typeof craftsmanId === 'string') await search.syncCraftsman(craftsmanId);
    },
  };
}
