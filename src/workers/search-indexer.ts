import type { DomainEvent } from '../domain/events/domain-event.js';
import type { SearchService } from '../services/search-service.js';
import type { EventConsumer, EventFollower } from './event-consumer.js';

const wants = (type: DomainEvent['type']) => type.startsWith('craftsman.') || type.startsWith('order.') || type.startsWith('offer.') || type.startsWith('studio.') || type.startsWith('case.');

type Syncs = Pick<SearchService, 'syncCraftsman' | 'syncOrder' | 'syncStudio' | 'syncStudiosOf' | 'syncCase'>;

/** Applies a batch: each craftsman, order, studio and case it touches is re-read and upserted (or removed) once. */
async function syncBatch(search: Syncs, events: DomainEvent[]): Promise<void> {
  const craftsmen = new Set<string>();
  const orders = new Set<string>();
  const studios = new Set<string>();
  const cases = new Set<string>();
  for (const event of events) {
    if (event.aggregateType === 'case') {
      cases.add(event.aggregateId);
      continue;
    }
    if (event.aggregateType === 'studio') {
      studios.add(event.aggregateId);
      continue;
    }
    if (event.aggregateType === 'craftsman') {
      craftsmen.add(event.aggregateId);
      continue;
    }
    const orderId = event.aggregateType === 'order' ? event.aggregateId : (event.payload.orderId as string | undefined);
    if (orderId) orders.add(orderId);
    // A confirmation moves the craftsman's rating and completed count, which search sorts by.
    const craftsmanId = event.payload.craftsmanId;
    if (event.type === 'order.confirmed' && typeof craftsmanId === 'string') craftsmen.add(craftsmanId);
  }
  for (const id of craftsmen) await search.syncCraftsman(id);
  for (const id of orders) await search.syncOrder(id);
  for (const id of studios) await search.syncStudio(id);
  // A studio's document carries its people's names.
  for (const id of craftsmen) await search.syncStudiosOf(id);
  for (const id of cases) await search.syncCase(id);
}

/**
 * Keeps a shared search backend (Meilisearch) in line with the store: re-reading each document makes
 * replays and out-of-order deliveries converge. While search is down batches back off and retry;
 * the search watch rebuilds after longer outages.
 */
export function searchIndexer(search: Syncs): EventConsumer {
  return {
    name: 'index',
    attempts: 12,
    batchSize: 200,
    wants,
    async handleBatch(events, acknowledge) {
      await syncBatch(search, events);
      await acknowledge();
    },
  };
}

/** The same for an embedded search index, which lives in each serving process's memory. */
export function searchFollower(search: Syncs): EventFollower {
  return { name: 'search-index', wants, apply: (events) => syncBatch(search, events) };
}
