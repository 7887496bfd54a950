import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Delivery, Notification } from '../../src/domain/notifications/notification.js';
import type { Offer, Order, ServiceRecord } from '../../src/domain/orders/order.js';
import type { RollupBucket } from '../../src/domain/stats/contributions.js';
import type { Store } from '../../src/ports/store.js';
import { ROLLUPS, rebuildRollups } from '../../src/workers/stats-consumer.js';

/** What a fault left behind, counted effect by effect. */
export interface EffectCount {
  /** Events some consumer still owes. */
  unfinished: number;
  /** Events a consumer set aside as failed. */
  setAside: number;
  /** Inbox rows per (event, person): how many are missing, and how many rows are second copies. */
  inboxRows: number;
  inboxMissing: number;
  inboxDuplicated: number;
  /** Delivery records that are not yet sent. */
  deliveriesNotSent: number;
  /** Rollup buckets that differ from a rebuild out of the stored orders, offers and records. */
  rollupBucketsOff: number;
}

/**
 * Counts every effect of the given orders' events against what they should be: `expectedInbox` says,
 * for an event, which people must have exactly one inbox row of it.
 */
export async function countEffects(store: Store, orderIds: string[], expectedInbox: (event: DomainEvent) => string[]): Promise<EffectCount> {
  const outbox = store.collection<DomainEvent>('outbox');
  const events = await outbox.find({ $or: [{ aggregateId: { $in: orderIds } }, { 'payload.orderId': { $in: orderIds } }] });
  const rows = await store.collection<Notification>('notifications').find({ orderId: { $in: orderIds } });
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(`${row.eventId}|${row.userId}`, (seen.get(`${row.eventId}|${row.userId}`) ?? 0) + 1);
  let inboxMissing = 0;
  for (const event of events) for (const userId of expectedInbox(event)) if (!seen.has(`${event._id}|${userId}`)) inboxMissing += 1;
  const inboxDuplicated = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  const deliveries = await store.collection<Delivery>('deliveries').find({ eventId: { $in: events.map((e) => e._id) } });
  return {
    unfinished: await outbox.count({ status: 'pending' }),
    setAside: events.filter((e) => e.failures && Object.keys(e.failures).length > 0).length,
    inboxRows: rows.length,
    inboxMissing,
    inboxDuplicated,
    deliveriesNotSent: deliveries.filter((d) => d.status !== 'sent').length,
    rollupBucketsOff: await rollupsOff(store),
  };
}

/** Rollup buckets kept by the consumer that differ from a rebuild from scratch (0 when exact). */
export async function rollupsOff(store: Store): Promise<number> {
  const scratch = new EmbeddedStore({ inMemory: true });
  await scratch.connect();
  await rebuildRollups(scratch, {
    orders: await store.collection<Order>('orders').find({}),
    offers: await store.collection<Offer>('offers').find({}),
    records: await store.collection<ServiceRecord>('serviceRecords').find({}),
  });
  const canonical = (b: RollupBucket) => JSON.stringify(b, (_key, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== 0 && !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)).sort(([a], [b2]) => a.localeCompare(b2))) : value));
  const kept = new Map((await store.collection<RollupBucket>(ROLLUPS).find({})).map((b) => [b._id, canonical(b)]));
  const fresh = new Map((await scratch.collection<RollupBucket>(ROLLUPS).find({})).map((b) => [b._id, canonical(b)]));
  await scratch.close();
  let off = 0;
  for (const id of new Set([...kept.keys(), ...fresh.keys()])) {
    if (kept.get(id) === fresh.get(id) || (isEmptyBucket(kept.get(id)) && fresh.get(id) === undefined)) continue;
    if (process.env.DEBUG_ROLLUPS) console.log(id, kept.get(id), fresh.get(id));
    off += 1;
  }
  return off;
}

/** A bucket whose counters all went back to zero equals no bucket at all. */
function isEmptyBucket(json: string | undefined): boolean {
  if (!json) return false;
  const bucket = JSON.parse(json) as Record<string, unknown>;
  return ['n', 'ent', 'cra', 'done', 'disp', 'acc'].every((k) => !bucket[k] || Object.keys(bucket[k] as object).length === 0);
}
