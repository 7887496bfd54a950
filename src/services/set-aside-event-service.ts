import { conflict, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { paginate } from './shared.js';

/** An outbox event as an admin sees it on the list of events some consumer set aside. */
export interface SetAsideEvent {
  _id: string;
  type: DomainEvent['type'];
  aggregateType: DomainEvent['aggregateType'];
  aggregateId: string;
  occurredAt: string;
  /** Per consumer that gave up on it: why (its last error) and after how many tries. */
  setAside: Array<{ consumer: string; reason: string; tries: number }>;
}

const view = (event: DomainEvent): SetAsideEvent => ({
  _id: event._id,
  type: event.type,
  aggregateType: event.aggregateType,
  aggregateId: event.aggregateId,
  occurredAt: event.occurredAt,
  setAside: (event.setAside ?? []).map((consumer) => ({ consumer, reason: event.failures?.[consumer] ?? '', tries: event.tries?.[consumer] ?? 0 })),
});

/**
 * 搁置的事件: events a consumer gave up on after its last try (or at once, for bad data). The event
 * pipeline records them on the event (`setAside`, `failures`); an admin lists them and, once the
 * cause is fixed, hands them back to those consumers, which take them like any unacknowledged event.
 */
export function setAsideEventService(deps: Pick<ServiceDeps, 'store'>) {
  const outbox = () => deps.store.collection<DomainEvent>('outbox');
  return {
    async list(actor: Actor, query: PageQuery & { consumer?: string }) {
      authorize(actor, 'event.list_set_aside', '只有系统管理员可以执行此操作');
      const filter = query.consumer ? { setAside: query.consumer } : { 'setAside.0': { $exists: true } };
      const page = await paginate(outbox(), filter, query, { occurredAt: -1, _id: -1 });
      return { ...page, items: page.items.map(view) };
    },

    /** Gives the event back to the consumers that set it aside (or to the one named) with fresh tries. */
    async retry(actor: Actor, id: string, consumer?: string): Promise<SetAsideEvent> {
      authorize(actor, 'event.retry', '只有系统管理员可以执行此操作');
      const event = await outbox().findById(id);
      if (!event) throw notFound('EVENT_NOT_FOUND', '事件不存在');
      const names = consumer ? [consumer] : (event.setAside ?? []);
      if (names.length === 0 || names.some((name) => !event.setAside?.includes(name))) {
        throw conflict('EVENT_NOT_SET_ASIDE', '该事件没有被此处理环节搁置，无需重试', { setAside: event.setAside ?? [] });
      }
      // Pending again and no longer acknowledged by those consumers: the pipeline re-drives it, and
      // their effects are idempotent by event id, so whatever part of it did land is not repeated.
      const unset: Record<string, ''> = {};
      for (const name of names) Object.assign(unset, { [`failures.${name}`]: '', [`tries.${name}`]: '' });
      const updated = await outbox().updateOne(
        { _id: id, setAside: { $all: names } },
        { $set: { status: 'pending', publishedAt: null }, $pull: { acks: { $in: names }, setAside: { $in: names } }, $unset: unset },
      );
      if (!updated) throw conflict('EVENT_NOT_SET_ASIDE', '该事件没有被此处理环节搁置，无需重试', { setAside: [] });
      return view({ ...updated, setAside: names });
    },
  };
}

export type SetAsideEventService = ReturnType<typeof setAsideEventService>;
