import type { MatchingService } from '../services/matching-service.js';
import type { EventConsumer } from './event-consumer.js';

/** Keeps the in-memory candidate index current: load, status, ratings and recency of craftsmen move with these events. */
export function matchingConsumer(matching: MatchingService): EventConsumer {
  return {
    name: 'match-index',
    concurrency: 8,
    wants: (type) => type.startsWith('craftsman.') || type.startsWith('offer.') || ['order.claimed', 'order.resolved', 'order.confirmed', 'order.cancelled', 'order.reopened'].includes(type),
    async handle(event) {
      const craftsmanId = event.aggregateType === 'craftsman' ? event.aggregateId : event.payload.craftsmanId;
      if (typeof craftsmanId === 'string') await matching.syncCraftsman(craftsmanId);
      if (event.type === 'order.confirmed') await matching.orderClosed(event.aggregateId);
    },
  };
}
