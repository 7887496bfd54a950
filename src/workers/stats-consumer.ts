import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Complaint } from '../domain/orders/complaint.js';
import type { Pairing } from '../domain/mentoring/pairing.js';
import type { Offer, Order, ServiceRecord } from '../domain/orders/order.js';
import { regionPath } from '../domain/regions/region.js';
import {
  GRAINS,
  bucketUpdate,
  compactContribution,
  bucketsOf,
  complaintContribution,
  offerContribution,
  orderContribution,
  pairingContribution,
  personVisitKeys,
  recordContribution,
  rollupShares,
  visitContribution,
  type Contribution,
  type RollupBucket,
  type RollupKey,
  type StoredContribution,
} from '../domain/stats/contributions.js';
import { UnrecoverableJobError } from '../ports/queue.js';
import type { Doc, Store } from '../ports/store.js';
import type { EventConsumer } from './event-consumer.js';
import { reputationConsumer } from './reputation-consumer.js';

export const ROLLUPS = 'rollups';
/** What each source last added to the rollups: the base the next difference is taken from. */
export const ROLLUP_SOURCES = 'rollupSources';

/** `visit`: one person-visit (人次), keyed `order|craftsman|day`, made from the records that name that person. */
type SourceKind = 'order' | 'offer' | 'record' | 'complaint' | 'pairing' | 'visit';
const COLLECTION_OF: Record<Exclude<SourceKind, 'visit'>, string> = { order: 'orders', offer: 'offers', record: 'serviceRecords', complaint: 'complaints', pairing: 'pairings' };

interface SourceSnapshot extends Doc {
  kind: SourceKind;
  /** Its day contribution, without empty maps; the month and year shares are derived from it. */
  parts: StoredContribution;
  /** The last event that refreshed it (for tracing; correctness does not depend on it). */
  eventId: string | null;
  /** {@link ROLLUP_FORMAT} of the rollups it was applied to. */
  format?: number;
}

/**
 * Layout of the rollups: 2 = day, month and year buckets with latency histograms; 3 = also orders by
 * source, service time limits and follow-ups; 4 = also complaints and their handling time, 师带徒 pairings
 * (started, graduated, promoted, certified, sessions and hours), named requests (点名) and how many were
 * honoured, craftsmen's ratings of enterprises, and person-visits counted per person, order and day (team members included) instead of per
 * record. Snapshots of an older layout cannot be diffed against:
 * the engine rebuilds the rollups at start-up ({@link rebuildOutdatedRollups}).
 */
export const ROLLUP_FORMAT = 4;

const sourceId = (kind: SourceKind, id: string) => `${kind}:${id}`;

/** The records of one order that may make the person-visit `key` (the day is checked by the contribution). */
async function visitRecords(store: Store, key: string): Promise<ServiceRecord[]> {
  const [orderId, craftsmanId] = key.split('|') as [string, string];
  return store.collection<ServiceRecord>('serviceRecords').find({ orderId, $or: [{ craftsmanId }, { participantIds: craftsmanId }] });
}

function contributionOf(kind: SourceKind, doc: Doc | null): Contribution {
  if (!doc) return {};
  if (kind === 'order') return orderContribution(doc as unknown as Order);
  if (kind === 'offer') return offerContribution(doc as unknown as Offer);
  if (kind === 'complaint') return complaintContribution(doc as unknown as Complaint);
  if (kind === 'pairing') return pairingContribution(doc as unknown as Pairing);
  return recordContribution(doc as unknown as ServiceRecord);
}

/**
 * Recomputes what one order, offer or service record contributes and applies the difference from
 * what it contributed before, together with the new snapshot, in one transaction. Replaying it
 * (an event delivered twice, events out of order) changes nothing more.
 */
export async function refreshSource(store: Store, kind: SourceKind, id: string, eventId: string | null = null): Promise<void> {
  const previous = serial.get(store) ?? Promise.resolve();
  const mine = previous.then(() => refreshInTransaction(store, kind, id, eventId));
  serial.set(store, mine.catch(() => undefined));
  return mine;
}

/**
 * Refreshes in this process run one after another: the transaction is what makes them exact
 * across processes (Mongo retries a write conflict), and this keeps one process from racing itself
 * even where the store's transaction cannot isolate concurrent jobs of an in-process queue.
 */
const serial = new WeakMap<Store, Promise<unknown>>();

async function refreshInTransaction(store: Store, kind: SourceKind, id: string, eventId: string | null): Promise<void> {
  await store.transaction(async () => {
    const sources = store.collection<SourceSnapshot>(ROLLUP_SOURCES);
    const rollups = store.collection<RollupBucket>(ROLLUPS);
    const after = kind === 'visit' ? visitContribution(id, await visitRecords(store, id)) : contributionOf(kind, await store.collection(COLLECTION_OF[kind]).findById(id));
    const snapshot = await sources.findById(sourceId(kind, id));
    if (snapshot && snapshot.format !== ROLLUP_FORMAT) throw new UnrecoverableJobError(`ROLLUPS_OUTDATED: ${snapshot._id} has rollup format ${snapshot.format ?? 1}, expected ${ROLLUP_FORMAT}; rebuild the rollups (rebuildRollupsFromStore)`);
    const before = rollupShares(snapshot?.parts ?? {});
    const now = rollupShares(after);
    let changed = false;
    for (const bucket of new Set([...Object.keys(before), ...Object.keys(now)])) {
      const inc = bucketUpdate(before[bucket], now[bucket]);
      if (!inc) continue;
      changed = true;
      const { regionCode, grain, span, day } = (now[bucket] ?? before[bucket]) as RollupKey;
      await rollups.updateOne({ _id: bucket }, { $setOnInsert: { regionCode, regionPath: regionPath(regionCode), grain, span, day }, $inc: inc }, { upsert: true });
    }
    if (!changed && snapshot) return;
    await sources.updateOne({ _id: sourceId(kind, id) }, { $set: { kind, parts: compactContribution(after), eventId, format: ROLLUP_FORMAT } }, { upsert: true });
  });
}

/** The sources an event touches: its offer, its service record, its order. */
function sourcesOf(event: DomainEvent): [SourceKind, string][] {
  const payload = event.payload ?? {};
  const out: [SourceKind, string][] = [];
  if (event.aggregateType === 'offer') out.push(['offer', event.aggregateId]);
  if (event.aggregateType === 'pairing') out.push(['pairing', event.aggregateId]);
  // Recorded, disputed or decided: the record's contribution is recomputed from what it is now.
  if (event.type.startsWith('service.') && typeof payload.recordId === 'string') out.push(['record', payload.recordId]);
  if (event.type.startsWith('order.complaint_') && typeof payload.complaintId === 'string') out.push(['complaint', payload.complaintId]);
  const orderId = event.aggregateType === 'order' ? event.aggregateId : typeof payload.orderId === 'string' ? payload.orderId : null;
  if (orderId) out.push(['order', orderId]);
  return out;
}

/**
 * Keeps the statistics rollups exact: every event that changes an order, an offer or a service record
 * refreshes it. A batch refreshes each source once and commits every difference together with the
 * acknowledgement, in one transaction.
 */
export function statsConsumer(store: Store): EventConsumer {
  return {
    name: 'stats',
    batchSize: 200,
    wants: (type) => type.startsWith('order.') || type.startsWith('offer.') || type.startsWith('service.') || type.startsWith('pairing.'),
    async handleBatch(events: DomainEvent[], acknowledge) {
      const latest = new Map<string, { kind: SourceKind; id: string; eventId: string }>();
      for (const event of events) for (const [kind, id] of sourcesOf(event)) latest.set(sourceId(kind, id), { kind, id, eventId: event._id });
      // A record's person-visits are refreshed with it (its people and day never change; whether it counts does).
      const records = [...latest.values()].filter((s) => s.kind === 'record');
      const docs = await store.collection<ServiceRecord>('serviceRecords').find({ _id: { $in: records.map((r) => r.id) } });
      for (const doc of docs) {
        const eventId = latest.get(sourceId('record', doc._id))!.eventId;
        for (const key of personVisitKeys(doc)) latest.set(sourceId('visit', key), { kind: 'visit', id: key, eventId });
      }
      const previous = serial.get(store) ?? Promise.resolve();
      const mine = previous.then(() =>
        store.transaction(async () => {
          for (const { kind, id, eventId } of latest.values()) await refreshInTransaction(store, kind, id, eventId);
          await acknowledge();
        }),
      );
      serial.set(store, mine.catch(() => undefined));
      await mine;
    },
  };
}

/**
 * Builds the rollups and snapshots from scratch out of the given documents (a reindex, or a bench
 * over generated data): the same contributions the consumer applies one event at a time.
 * Expects empty rollup collections.
 */
export async function rebuildRollups(store: Store, sources: { orders: Iterable<Order>; offers: Iterable<Offer>; records: Iterable<ServiceRecord>; complaints?: Iterable<Complaint>; pairings?: Iterable<Pairing> }, chunk = 10_000): Promise<number> {
  const snapshotCollection = store.collection<SourceSnapshot>(ROLLUP_SOURCES);
  const buckets = new Map<string, RollupBucket>();
  // Snapshots go to the store a chunk at a time, so no second copy of every contribution is held.
  let batch: SourceSnapshot[] = [];
  const take = async (kind: SourceKind, id: string, parts: Contribution) => {
    bucketsOf([parts], GRAINS, buckets);
    batch.push({ _id: sourceId(kind, id), kind, parts: compactContribution(parts), eventId: null, format: ROLLUP_FORMAT });
    if (batch.length >= chunk) {
      await snapshotCollection.insertMany(batch);
      batch = [];
    }
  };
  for (const o of sources.orders) await take('order', o._id, orderContribution(o));
  for (const f of sources.offers) await take('offer', f._id, offerContribution(f));
  const records = [...sources.records];
  const byVisit = new Map<string, ServiceRecord[]>();
  for (const r of records) {
    await take('record', r._id, recordContribution(r));
    for (const key of personVisitKeys(r)) byVisit.set(key, [...(byVisit.get(key) ?? []), r]);
  }
  for (const [key, list] of byVisit) await take('visit', key, visitContribution(key, list));
  for (const c of sources.complaints ?? []) await take('complaint', c._id, complaintContribution(c));
  for (const p of sources.pairings ?? []) await take('pairing', p._id, pairingContribution(p));
  if (batch.length) await snapshotCollection.insertMany(batch);
  const all = [...buckets.values()];
  for (let i = 0; i < all.length; i += chunk) await store.collection<RollupBucket>(ROLLUPS).insertMany(all.slice(i, i + chunk));
  return all.length;
}

/** Rebuild from what the store holds now (admin reindex; loads the four source collections). */
export async function rebuildRollupsFromStore(store: Store): Promise<number> {
  const [orders, offers, records, complaints, pairings] = await Promise.all([
    store.collection<Order>('orders').find({}),
    store.collection<Offer>('offers').find({}),
    store.collection<ServiceRecord>('serviceRecords').find({}),
    store.collection<Complaint>('complaints').find({}),
    store.collection<Pairing>('pairings').find({}),
  ]);
  await store.collection(ROLLUPS).deleteMany({});
  await store.collection(ROLLUP_SOURCES).deleteMany({});
  return rebuildRollups(store, { orders, offers, records, complaints, pairings });
}

/**
 * Rollups kept in an older layout are rebuilt from the store, in one transaction, before the consumer
 * runs again: otherwise figures added since would count only orders touched after the upgrade. Answers
 * how many buckets were written (0 when the rollups are current or there are none yet).
 */
export async function rebuildOutdatedRollups(store: Store): Promise<number> {
  const outdated = await store.collection<SourceSnapshot>(ROLLUP_SOURCES).findOne({ format: { $ne: ROLLUP_FORMAT } });
  if (!outdated) return 0;
  return store.transaction(() => rebuildRollupsFromStore(store));
}

/** The consumers of this area, for the engine's list. */
export function reportingConsumers(store: Store, reputation: Parameters<typeof reputationConsumer>[0]): EventConsumer[] {
  return [statsConsumer(store), reputationConsumer(reputation)];
}
