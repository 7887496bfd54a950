import { notFound } from '../errors.js';
import type { DomainEvent, DomainEventType } from '../domain/events/domain-event.js';
import type { Page } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Collection, Doc, Filter, SortSpec } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';

export const nowIso = (deps: Pick<ServiceDeps, 'clock'>) => deps.clock.now().toISOString();

/** AND of filters, dropping empty ones (so `{}` scope adds nothing). */
export function and(...filters: Filter[]): Filter {
  const parts = filters.filter((f) => Object.keys(f).length > 0);
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0] as Filter;
  // Disjoint plain keys merge into one document (simpler for indexes); overlaps keep $and semantics.
  const merged: Filter = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in merged || key.startsWith('$')) return { $and: parts };
      merged[key] = value;
    }
  }
  return merged;
}

export async function paginate<T extends Doc>(collection: Collection<T>, filter: Filter, page: { page: number; limit: number }, sort: SortSpec): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    collection.find(filter, { sort, skip: (page.page - 1) * page.limit, limit: page.limit }),
    collection.count(filter),
  ]);
  return { items, total, page: page.page, limit: page.limit };
}

export function newEvent(
  deps: Pick<ServiceDeps, 'clock' | 'ids'>,
  type: DomainEventType,
  aggregate: { type: DomainEvent['aggregateType']; id: string },
  payload: Record<string, unknown>,
  actor: Pick<Actor, 'userId'> | 'system',
): DomainEvent {
  return {
    _id: deps.ids.next('evt'),
    type,
    aggregateType: aggregate.type,
    aggregateId: aggregate.id,
    payload,
    actorId: actor === 'system' ? 'system' : actor.userId,
    occurredAt: nowIso(deps),
    status: 'pending',
    publishedAt: null,
  };
}

/** Stores events in the outbox; call inside the transaction of the change they describe. */
export async function recordEvents(deps: Pick<ServiceDeps, 'store' | 'onEventsRecorded'>, events: DomainEvent[]): Promise<void> {
  await deps.store.collection<DomainEvent>('outbox').insertMany(events);
  deps.onEventsRecorded?.(events);
}

export async function mustFind<T extends Doc>(collection: Collection<T>, filter: Filter, code: string, message: string): Promise<T> {
  const doc = await collection.findOne(filter);
  if (!doc) throw notFound(code, message);
  return doc;
}

/** The system actor: timers, auto-dispatch and consumers — its own kind, not an admin. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system', displayName: '系统' };
