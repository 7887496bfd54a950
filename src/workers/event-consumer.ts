import type { DomainEvent } from '../domain/events/domain-event.js';

/**
 * One consumer of domain events, with a queue of its own so that a slow or failing consumer never
 * holds up another. Delivery is at least once: `handle` must be idempotent by `event._id`.
 */
export interface EventConsumer {
  /** Queue name, e.g. `notify`, `index`, `timers`, `stats`. */
  name: string;
  /** Which event types it wants; the relay enqueues nothing else for it. */
  wants(type: DomainEvent['type']): boolean;
  handle(event: DomainEvent): Promise<void>;
  concurrency?: number;
  /** Tries before the job lands in the failed list (default 5, exponential backoff from 500 ms). */
  attempts?: number;
}
