import type { Filter } from '../ports/store.js';

/**
 * Which outbox events are finished, so retention may prune them, and the field that says since when.
 * Kept in this one place so the rule can change with how the outbox tracks its consumers: today an
 * event is finished once every consumer that wants it has acknowledged it (`status: 'sent'`). Events a
 * consumer set aside count as finished for the pipeline but are kept until an admin has retried them.
 */
export const finishedOutboxEvents = (): { filter: Filter; finishedAtField: string } => ({
  filter: { status: 'sent', 'setAside.0': { $exists: false } },
  finishedAtField: 'publishedAt',
});
