import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Store } from '../ports/store.js';

export interface OutboxFigures {
  /** Events recorded but not yet handed on. */
  pending: number;
  /** When the oldest of them was recorded (ISO-8601), or null when none waits. */
  oldestPendingAt: string | null;
}

/**
 * How far the outbox is behind, read straight from the store so every process (API or worker) sees
 * the same figure. One count and one indexed first-match; cheap enough for every scrape and probe.
 */
export async function outboxFigures(store: Store): Promise<OutboxFigures> {
  const outbox = store.collection<DomainEvent>('outbox');
  const [pending, oldest] = await Promise.all([outbox.count({ status: 'pending' }), outbox.findOne({ status: 'pending' }, { sort: { occurredAt: 1, _id: 1 }, projection: { occurredAt: 1 } })]);
  return { pending, oldestPendingAt: oldest?.occurredAt ?? null };
}

/** Seconds since the oldest pending event was recorded; 0 when nothing waits. */
export function outboxLagSeconds(figures: OutboxFigures, now: Date): number {
  if (!figures.oldestPendingAt) return 0;
  return Math.max(0, (now.getTime() - Date.parse(figures.oldestPendingAt)) / 1000);
}
