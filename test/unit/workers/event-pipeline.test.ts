import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import type { DomainEvent } from '../../../src/domain/events/domain-event.js';
import { UnrecoverableJobError } from '../../../src/ports/queue.js';
import type { EventConsumer } from '../../../src/workers/event-consumer.js';
import { EventPipeline } from '../../../src/workers/event-pipeline.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const event = (id: string, type: DomainEvent['type']): DomainEvent => ({
  _id: id,
  type,
  aggregateType: 'order',
  aggregateId: `ord_${id}`,
  payload: {},
  actorId: 'system',
  occurredAt: `2026-01-01T00:00:00.${id.padStart(3, '0')}Z`,
  status: 'pending',
  publishedAt: null,
});

/** A consumer that writes one effect row per event in the acknowledging transaction, or fails where told. */
function recorder(store: EmbeddedStore, name: string, types: DomainEvent['type'][], failOn: (e: DomainEvent) => Error | null = () => null): EventConsumer & { batches: number[] } {
  const batches: number[] = [];
  return {
    name,
    batches,
    batchSize: 2,
    attempts: 3,
    wants: (type) => types.includes(type),
    async handleBatch(events, acknowledge) {
      batches.push(events.length);
      await store.transaction(async () => {
        for (const e of events) {
          const error = failOn(e);
          if (error) throw error;
          await store.collection('effects').insertOne({ _id: `${name}:${e._id}` });
        }
        await acknowledge();
      });
    },
  };
}

async function setup(consumers: (store: EmbeddedStore) => EventConsumer[]) {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  const list = consumers(store);
  const pipeline = new EventPipeline({ store, clock: new ManualClock(), logger: pino({ level: 'silent' }), consumers: list, leases: null });
  return { store, pipeline, outbox: store.collection<DomainEvent>('outbox'), effects: store.collection('effects') };
}

describe('the event pipeline', () => {
  it('when two consumers want an event, then it stays pending until both committed, and each effect exists once', async () => {
    let a!: ReturnType<typeof recorder>;
    const { store, pipeline, outbox, effects } = await setup((s) => [(a = recorder(s, 'a', ['order.submitted', 'order.approved'])), recorder(s, 'b', ['order.submitted'])]);
    await outbox.insertMany([event('1', 'order.submitted'), event('2', 'order.approved'), event('3', 'order.submitted'), event('4', 'order.cancelled')]);
    await pipeline.flush();
    expect(a.batches).toEqual([2, 1]);
    expect((await effects.find({}, { sort: { _id: 1 } })).map((e) => e._id)).toEqual(['a:1', 'a:2', 'a:3', 'b:1', 'b:3']);
    const finished = await outbox.find({}, { sort: { _id: 1 } });
    expect(finished.map((e) => [e._id, e.status, (e.acks ?? []).sort().join(',')])).toEqual([
      ['1', 'sent', 'a,b'],
      ['2', 'sent', 'a'],
      ['3', 'sent', 'a,b'],
      // Wanted by nobody: finished without acknowledgements.
      ['4', 'sent', ''],
    ]);
    await pipeline.flush();
    expect(await effects.count({})).toBe(5);
    await store.close();
  });

  it('when one event keeps failing for a consumer, then the batch is taken apart, the others go through and the bad one is set aside for that consumer only', async () => {
    const { pipeline, outbox, effects } = await setup((s) => [recorder(s, 'a', ['order.submitted'], (e) => (e._id === '2' ? new Error('bad data') : null)), recorder(s, 'b', ['order.submitted'])]);
    await outbox.insertMany([event('1', 'order.submitted'), event('2', 'order.submitted'), event('3', 'order.submitted')]);
    for (let i = 0; i < 6; i += 1) await pipeline.round().then(() => undefined, () => undefined);
    await pipeline.flush();
    expect((await effects.find({}, { sort: { _id: 1 } })).map((e) => e._id)).toEqual(['a:1', 'a:3', 'b:1', 'b:2', 'b:3']);
    const bad = await outbox.findById('2');
    expect(bad).toMatchObject({ status: 'sent', failures: { a: 'bad data' }, tries: { a: 3 } });
    expect(await outbox.count({ status: 'pending' })).toBe(0);
  });

  it('when a consumer throws UnrecoverableJobError, then the event is set aside at once', async () => {
    const { pipeline, outbox } = await setup((s) => [recorder(s, 'a', ['order.submitted'], () => new UnrecoverableJobError('never'))]);
    await outbox.insertOne(event('1', 'order.submitted'));
    await pipeline.flush();
    expect(await outbox.findById('1')).toMatchObject({ status: 'sent', failures: { a: 'never' }, tries: { a: 1 } });
  });

  it('when a consumer fails, then its batch rolls back with its acknowledgement, and a later round applies it once', async () => {
    let fail = true;
    const { pipeline, outbox, effects } = await setup((s) => [recorder(s, 'a', ['order.submitted'], (e) => (fail && e._id === '2' ? new Error('store hiccup') : null))]);
    await outbox.insertMany([event('1', 'order.submitted'), event('2', 'order.submitted')]);
    await pipeline.round();
    expect(await effects.count({})).toBe(0);
    expect(await outbox.count({ status: 'pending' })).toBe(2);
    fail = false;
    await pipeline.flush();
    expect(await effects.count({})).toBe(2);
    expect(await outbox.count({ status: 'pending' })).toBe(0);
  });
});
