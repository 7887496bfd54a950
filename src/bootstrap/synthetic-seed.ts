import { generateCraftsmen, generateEnterprises } from '../../seeds/synthetic.js';
import { iterateOrders, iterateServiceRecords } from '../../seeds/synthetic-orders.js';
import { prefectureOf } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import { formatOrderNumber, orderNumberCounterId, prefectureShortName, type Counter } from '../domain/orders/order-number.js';
import type { Order, ServiceRecord } from '../domain/orders/order.js';
import type { Region } from '../domain/regions/region.js';
import { dayOf } from '../domain/stats/period.js';
import type { Doc, Store } from '../ports/store.js';
import { ORDER_NUMBER_BACKFILL_DONE } from '../services/order-number-service.js';
import { rebuildRollups } from '../workers/stats-consumer.js';

export interface SyntheticSize {
  craftsmen: number;
  orders: number;
  /** Service records wanted; the generator gives requests in service 1 … k visits to come near it. */
  records: number;
  seed: number;
}

export interface SyntheticSummary {
  craftsmen: number;
  enterprises: number;
  orders: number;
  records: number;
  rollupBuckets: number;
  seconds: number;
}

/** What the caller shows while a phase runs (a progress bar in the seed script). */
export interface SeedProgress {
  phase(name: string, total: number): void;
  advance(by: number): void;
}

const CHUNK = 5_000;
const SYNTHETIC_MARK = 'synthetic-seed';
/** Half the generated requests reach service (see seeds/synthetic-orders.ts STATUS_MIX). */
const SERVED_SHARE = 0.5;

/**
 * How many visits at most a request in service gets so that `orders` requests give about `records`
 * records: the generator draws 1 … k evenly, so the mean is (k + 1) / 2 per served request.
 */
export function visitsPerServedOrder(orders: number, records: number): number {
  if (orders <= 0) return 1;
  return Math.max(1, Math.round((2 * records) / (orders * SERVED_SHARE) - 1));
}

/**
 * Writes a province-sized synthetic data set (seeds/synthetic.ts: 黔南州 mostly, the rest of 贵州省,
 * skills from the taxonomy, requests in every state, service records) straight into the store's
 * collections, in chunks, without going through the use cases: a million requests through the
 * services would take hours and fan out notifications nobody reads. What the services would have kept
 * beside the documents is written too: 需求单编号 with their counters, and the statistics rollups
 * (built by the same contribution logic the stats consumer applies). Same size and seed, same data.
 * Refuses a store that already holds craftsmen or requests.
 */
export async function seedSynthetic(store: Store, size: SyntheticSize, progress: SeedProgress): Promise<SyntheticSummary> {
  const started = performance.now();
  const craftsmenColl = store.collection<Craftsman>('craftsmen');
  const ordersColl = store.collection<Order>('orders');
  if ((await craftsmenColl.count({})) > 0 || (await ordersColl.count({})) > 0) {
    throw new Error('存储中已有劳模工匠或需求，合成数据只写入空的数据目录 / the store already holds craftsmen or orders: synthetic data goes into an empty data directory');
  }
  const insertChunks = async <T extends Doc>(name: string, docs: Iterable<T>, onChunk?: (chunk: T[]) => void): Promise<number> => {
    const coll = store.collection<T>(name);
    let chunk: T[] = [];
    let written = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      onChunk?.(chunk);
      await coll.insertMany(chunk);
      written += chunk.length;
      progress.advance(chunk.length);
      chunk = [];
    };
    for (const doc of docs) {
      chunk.push(doc);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    return written;
  };

  progress.phase('craftsmen', size.craftsmen);
  const craftsmen = generateCraftsmen(size.craftsmen, size.seed);
  await insertChunks('craftsmen', craftsmen);

  const enterpriseCount = Math.max(50, Math.ceil(size.orders / 20));
  progress.phase('enterprises', enterpriseCount);
  const enterprises = generateEnterprises(enterpriseCount, size.seed);
  await insertChunks<Enterprise>('enterprises', enterprises);

  const numbers = await orderNumbering(store);
  const maxPerOrder = visitsPerServedOrder(size.orders, size.records);
  const orders = () => iterateOrders(size.orders, size.seed, craftsmen, enterprises);
  const records = () => iterateServiceRecords(orders(), size.seed, { maxPerOrder });

  progress.phase('orders', size.orders);
  const orderCount = await insertChunks('orders', orders(), (chunk) => {
    for (const order of chunk) order.number = numbers.next(order);
  });
  await numbers.save();

  progress.phase('serviceRecords', size.records);
  const recordCount = await insertChunks<ServiceRecord>('serviceRecords', records());

  // Rollups are built from a second pass over the same deterministic sequences, so neither list is held.
  progress.phase('rollups', orderCount + recordCount);
  const counted = <T>(items: Iterable<T>) => countAlong(items, (n) => progress.advance(n));
  const rollupBuckets = await rebuildRollups(store, { orders: counted(orders()), offers: [], records: counted(records()) });

  await store.collection('meta').updateOne({ _id: SYNTHETIC_MARK }, { $set: { ...size, at: new Date().toISOString() } }, { upsert: true });
  return { craftsmen: craftsmen.length, enterprises: enterprises.length, orders: orderCount, records: recordCount, rollupBuckets, seconds: (performance.now() - started) / 1000 };
}

function* countAlong<T>(items: Iterable<T>, advance: (n: number) => void): Generator<T> {
  let since = 0;
  for (const item of items) {
    yield item;
    since += 1;
    if (since === CHUNK) {
      advance(since);
      since = 0;
    }
  }
  advance(since);
}

/**
 * 需求单编号 for generated requests, per prefecture and year in the order they are generated (the
 * generator's dates are not in order; people read the number, nothing sorts by it). The counters and
 * the backfill marker are saved after, so the engine numbers the next real request after them and
 * never looks through a million requests for one without a number.
 */
async function orderNumbering(store: Store) {
  const regions = await store.collection<Region>('regions').find({ level: 'prefecture' });
  const shortNames = new Map(regions.map((r) => [r.code, prefectureShortName(r.name)]));
  const sequences = new Map<string, number>();
  return {
    next(order: Pick<Order, 'regionCode' | 'submittedAt'>): string {
      const prefecture = prefectureOf(order.regionCode);
      const year = Number(dayOf(order.submittedAt).slice(0, 4));
      const id = orderNumberCounterId(prefecture, year);
      const value = (sequences.get(id) ?? 0) + 1;
      sequences.set(id, value);
      return formatOrderNumber(shortNames.get(prefecture) ?? prefecture, year, value);
    },
    async save(): Promise<void> {
      const counters = store.collection<Counter>('counters');
      for (const [id, value] of sequences) await counters.updateOne({ _id: id }, { $set: { value } }, { upsert: true });
      await counters.updateOne({ _id: ORDER_NUMBER_BACKFILL_DONE }, { $set: { value: 1 } }, { upsert: true });
    },
  };
}
