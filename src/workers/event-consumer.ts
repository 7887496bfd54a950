import type { DomainEvent } from '../domain/events/domain-event.js';

/**
 * One consumer of domain events. It reads its own unfinished events from the outbox, oldest first, a
 * batch at a time, so a slow or failing consumer never holds up another, and nothing of it lives in a
 * queue that can lose it. Delivery is at least once: effects must be idempotent by `event._id`.
 */
export interface EventConsumer {
  /** Stable name, written into each event's `acks` (`notify`, `timers`, `stats`, `reputation`, `index`). */
  name: string;
  /** Which event types it wants; other events never wait for it. */
  wants(type: DomainEvent['type']): boolean;
  /**
   * Applies the effects of a batch and acknowledges it by awaiting `acknowledge()` once: inside the
   * store transaction that commits the effects when they live in the store, or right after effects
   * kept elsewhere (a search backend, a queue) are done. An event is finished for this consumer only
   * once that acknowledgement is committed.
   */
  handleBatch(events: DomainEvent[], acknowledge: () => Promise<void>): Promise<void>;
  /** Most events per batch (default 100). */
  batchSize?: number;
  /** Tries of one event before it is set aside as failed for this consumer (default 5). */
  attempts?: number;
}

/**
 * Something a process keeps in memory from events (the candidate index, an embedded search index):
 * every serving process follows the outbox for itself and rebuilds from the store at start-up, so it
 * needs no acknowledgement.
 */
export interface EventFollower {
  name: string;
  wants(type: DomainEvent['type']): boolean;
  /** Applies what the events change; called again for an event seen twice, so it must be idempotent. */
  apply(events: DomainEvent[]): Promise<void>;
}
