import type { Filter } from '../ports/store.js';

/**
 * Which outbox events are finished, so retention may prune them, and the field that says since when.
 * Kept in this one place so the rule can change with how the outbox tracks its consumers: today an
 * event is finished once the relay has handed it to every consumer's queue (`status: 'sent'`).
 */
export const finishedOutboxEvents = (): { filter: Filter; finishedAtField: string } => ({ filter: { status: 'sent' }, finishedAtField: 'publishedAt' });
