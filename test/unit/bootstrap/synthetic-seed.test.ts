import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import { ensureReferenceData } from '../../../src/bootstrap/reference-data.js';
import { seedSynthetic, visitsPerServedOrder, type SeedProgress } from '../../../src/bootstrap/synthetic-seed.js';
import { ORDER_NUMBER_PATTERN } from '../../../src/domain/orders/order-number.js';
import type { Order, ServiceRecord } from '../../../src/domain/orders/order.js';
import { ORDER_NUMBER_BACKFILL_DONE } from '../../../src/services/order-number-service.js';
import { ROLLUPS, rebuildRollupsFromStore } from '../../../src/workers/stats-consumer.js';

const size = { craftsmen: 300, orders: 600, records: 1_800, seed: 11 };

function recordingProgress() {
  const phases: Array<{ name: string; total: number; done: number }> = [];
  const progress: SeedProgress = {
    phase: (name, total) => void phases.push({ name, total, done: 0 }),
    advance: (by) => void (phases[phases.length - 1]!.done += by),
  };
  return { phases, progress };
}

async function seededStore() {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  await ensureReferenceData(store);
  const { phases, progress } = recordingProgress();
  const summary = await seedSynthetic(store, size, progress);
  return { store, summary, phases };
}

const sortedRollups = async (store: EmbeddedStore) => (await store.collection<{ _id: string }>(ROLLUPS).find({})).sort((a, b) => a._id.localeCompare(b._id));

describe('synthetic province seed', () => {
  it('when asked for craftsmen, orders and records, then the store holds them, numbered, with every phase reported to the end', async () => {
    const { store, summary, phases } = await seededStore();
    expect(await store.collection('craftsmen').count({})).toBe(size.craftsmen);
    expect(await store.collection('orders').count({})).toBe(size.orders);
    expect(await store.collection('serviceRecords').count({})).toBe(summary.records);
    // The generator draws visits per served order, so the count lands near the target, not on it.
    expect(summary.records).toBeGreaterThan(size.records * 0.7);
    expect(summary.records).toBeLessThan(size.records * 1.3);
    const orders = await store.collection<Order>('orders').find({});
    expect(new Set(orders.map((o) => o.number)).size).toBe(size.orders);
    for (const o of orders) expect(o.number).toMatch(ORDER_NUMBER_PATTERN);
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(6);
    expect(await store.collection('counters').findById(ORDER_NUMBER_BACKFILL_DONE)).not.toBeNull();
    const records = await store.collection<ServiceRecord>('serviceRecords').find({});
    const served = new Set(orders.filter((o) => o.craftsmanId && o.acceptedAt).map((o) => o._id));
    for (const r of records) expect(served.has(r.orderId)).toBe(true);
    expect(phases.map((p) => p.name)).toEqual(['craftsmen', 'enterprises', 'orders', 'serviceRecords', 'rollups']);
    for (const p of phases) expect(p.done).toBe(p.total === size.records ? summary.records : p.total);
  });

  it('when the rollups are rebuilt from what was stored, then they equal the ones the seed wrote', async () => {
    const { store, summary } = await seededStore();
    const written = await sortedRollups(store);
    expect(written.length).toBe(summary.rollupBuckets);
    expect(written.length).toBeGreaterThan(0);
    await rebuildRollupsFromStore(store);
    expect(await sortedRollups(store)).toEqual(written);
  });

  it('when the same size and seed are written twice, then the documents are the same', async () => {
    const a = await seededStore();
    const b = await seededStore();
    expect(await b.store.collection('orders').find({}, { sort: { _id: 1 }, limit: 50 })).toEqual(await a.store.collection('orders').find({}, { sort: { _id: 1 }, limit: 50 }));
    expect(await b.store.collection('serviceRecords').find({}, { sort: { _id: 1 }, limit: 50 })).toEqual(await a.store.collection('serviceRecords').find({}, { sort: { _id: 1 }, limit: 50 }));
  });

  it('when the store already holds craftsmen, then the seed refuses to write', async () => {
    const { store } = await seededStore();
    await expect(seedSynthetic(store, size, recordingProgress().progress)).rejects.toThrow(/合成数据只写入空的数据目录/);
  });

  it('when a million orders should bring three million records, then served orders get 1 to 11 visits', () => {
    expect(visitsPerServedOrder(1_000_000, 3_000_000)).toBe(11);
    expect(visitsPerServedOrder(100_000, 300_000)).toBe(11);
    expect(visitsPerServedOrder(1_000, 1_000)).toBe(3);
    expect(visitsPerServedOrder(0, 10)).toBe(1);
  });
});
