import type { DomainEvent } from '../domain/events/domain-event.js';
import type { MatchingService } from '../services/matching-service.js';
import type { EventFollower } from './event-consumer.js';

const CLOSING = ['order.claimed', 'order.resolved', 'order.confirmed', 'order.cancelled', 'order.reopened'];

/**
 * Keeps this process's in-memory candidate index current: load, status, ratings and recency of
 * craftsmen move with these events. A follower, so every serving process hears them.
 */
export function matchingFollower(matching: Pick<MatchingService, 'syncCraftsman' | 'orderClosed'>): EventFollower {
  return {
    name: 'match-index',
    wants: (type) => type.startsWith('craftsman.') || type.startsWith('offer.') || CLOSING.includes(type),
    async apply(events: DomainEvent[]) {
      const craftsmen = new Set<string>();
      for (const event of events) {
        const craftsmanId = event.aggregateType === 'craftsman' ? event.aggregateId : event.payload.craftsmanId;
        if (typeof craftsmanId === 'string') craftsmen.add(craftsmanId);
      }
      // Each craftsman is read back once per batch, however many of its events the batch holds.
      for (const id of craftsmen) await matching.syncCraftsman(id);
      for (const event of events) if (event.type === 'order.confirmed') await matching.orderClosed(event.aggregateId);
    },
  };
}
