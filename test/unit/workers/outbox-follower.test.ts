import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import type { DomainEvent } from '../../../src/domain/events/domain-event.js';
import { OutboxFollower } from '../../../src/workers/outbox-follower.js';

const event = (id: string, occurredAt: string, type: DomainEvent['type'] = 'craftsman.updated'): DomainEvent => ({
  _id: id,
  type,
  aggregateType: 'craftsman',
  aggregateId: `cra_${id}`,
  payload: {},
  actorId: 'system',
  occurredAt,
  status: 'pending',
  publishedAt: null,
});

async function followerOnSharedStore() {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  const applied: string[] = [];
  const follower = new OutboxFollower(
    { store, logger: pino({ level: 'silent' }), followers: [{ name: 'test', wants: (type) => type.startsWith('craftsman.'), apply: async (events) => void applied.push(...events.map((e) => e._id)) }] },
    { sharedStore: true, overlapMs: 10_000 },
  );
  return { store, follower, applied, outbox: store.collection<DomainEvent>('outbox') };
}

describe('a process following a shared outbox', () => {
  it('when another process records events, then a poll applies each wanted one once however often it is seen', async () => {
    const { follower, applied, outbox } = await followerOnSharedStore();
    const now = Date.now();
    await outbox.insertMany([event('a', new Date(now).toISOString()), event('b', new Date(now + 1).toISOString()), event('x', new Date(now + 2).toISOString(), 'order.submitted')]);
    expect(await follower.poll()).toBe(2);
    expect(await follower.poll()).toBe(0);
    expect(applied).toEqual(['a', 'b']);
  });

  it('when a transaction commits an event stamped before ones already seen, then the overlap still finds it', async () => {
    const { follower, applied, outbox } = await followerOnSharedStore();
    const now = Date.now();
    await outbox.insertOne(event('late-later', new Date(now + 5_000).toISOString()));
    await follower.poll();
    await outbox.insertOne(event('late-earlier', new Date(now + 1_000).toISOString()));
    await follower.poll();
    expect(applied).toEqual(['late-later', 'late-earlier']);
  });

  it('when this process records events itself, then they are applied once, not again when polled', async () => {
    const { follower, applied, outbox } = await followerOnSharedStore();
    const own = event('own', new Date().toISOString());
    await outbox.insertOne(own);
    follower.push([own]);
    await follower.drain();
    await follower.poll();
    expect(applied).toEqual(['own']);
  });
});
