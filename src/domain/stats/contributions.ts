import type { Offer, Order, ServiceRecord } from '../orders/order.js';
import { regionPath } from '../regions/region.js';
import { dayOf, minutesBetween } from './period.js';

/**
 * What one order, offer or service record adds to the statistics, split by (region, day) bucket.
 *
 * The rollup of a bucket is the sum of the contributions of every source that touches it. A
 * consumer keeps it exact by recomputing a source's contribution from its current state and
 * applying the difference to the previous one it applied (stored beside the rollups). That makes
 * the update idempotent and independent of the order events arrive in: replaying any event, any
 * number of times, recomputes the same contribution and applies a zero difference.
 */

/** Additive counters, by key: `orders`, `status_open`, `cat_mentoring`, `solved`, `hours100`, … */
export type Counters = Record<string, number>;

/** Maps that are summed per key (distinct counts and per-craftsman work are derived from them). */
export const COUNT_MAPS = ['ent', 'cra', 'done'] as const;
export type CountMap = (typeof COUNT_MAPS)[number];
/** Maps of one value per source id (latencies): set or unset, never summed. */
export const VALUE_MAPS = ['disp', 'acc'] as const;
export type ValueMap = (typeof VALUE_MAPS)[number];

/** One bucket's share of a source (or, summed, the rollup of the bucket). */
export interface BucketData {
  /** Additive counters. */
  n: Counters;
  /** Enterprise id → service records for it (enterprises served). */
  ent: Counters;
  /** Craftsman id → service records (person-visits) by that craftsman. */
  cra: Counters;
  /** Craftsman id → orders it completed (closed). */
  done: Counters;
  /** Order id → minutes from submission to the first offer (orders submitted that day). */
  disp: Record<string, number>;
  /** Offer id → minutes from the offer to its acceptance (offers made that day). */
  acc: Record<string, number>;
}

export interface BucketKey {
  /** The most specific region the source belongs to (a county, or a prefecture itself). */
  regionCode: string;
  day: string;
}

/** A stored rollup: one region × one day. */
export interface RollupBucket extends BucketKey, BucketData {
  _id: string;
  regionPath: string[];
  [key: string]: unknown;
}

export const bucketId = (key: BucketKey) => `${key.regionCode}:${key.day}`;
export const emptyData = (): BucketData => ({ n: {}, ent: {}, cra: {}, done: {}, disp: {}, acc: {} });

/** A source's contribution: bucket id → its share. */
export type Contribution = Record<string, BucketData & BucketKey>;

function part(contribution: Contribution, key: BucketKey): BucketData & BucketKey {
  const id = bucketId(key);
  let found = contribution[id];
  if (!found) {
    found = { ...key, ...emptyData() };
    contribution[id] = found;
  }
  return found;
}

const add = (map: Counters, key: string, by: number) => {
  if (by !== 0) map[key] = (map[key] ?? 0) + by;
};

type OrderFacts = Pick<Order, '_id' | 'regionCode' | 'status' | 'category' | 'reopenCount' | 'escalatedToOrgId' | 'submittedAt' | 'firstOfferedAt' | 'closedAt' | 'rating' | 'craftsmanId'>;

/** An order counts on the day it was submitted (by status, category, dispatch time, reopen, escalation) and, once closed, on its closing day (solved, rating, completion). */
export function orderContribution(order: OrderFacts): Contribution {
  const out: Contribution = {};
  const submitted = part(out, { regionCode: order.regionCode, day: dayOf(order.submittedAt) });
  add(submitted.n, 'orders', 1);
  add(submitted.n, `status_${order.status}`, 1);
  add(submitted.n, `cat_${order.category}`, 1);
  if (order.reopenCount > 0) add(submitted.n, 'reopened', 1);
  if (order.escalatedToOrgId) add(submitted.n, 'escalated', 1);
  if (order.firstOfferedAt) submitted.disp[order._id] = minutesBetween(order.submittedAt, order.firstOfferedAt);
  if (order.status === 'closed' && order.closedAt) {
    const closed = part(out, { regionCode: order.regionCode, day: dayOf(order.closedAt) });
    add(closed.n, 'solved', 1);
    if (typeof order.rating === 'number') {
      add(closed.n, 'ratingSum', order.rating);
      add(closed.n, 'ratingCount', 1);
    }
    if (order.craftsmanId) add(closed.done, order.craftsmanId, 1);
  }
  return out;
}

type OfferFacts = Pick<Offer, '_id' | 'regionPath' | 'status' | 'createdAt' | 'respondedAt'>;

/** An offer counts on the day it was made: its time to acceptance, or an SLA breach when it expired. */
export function offerContribution(offer: OfferFacts): Contribution {
  const out: Contribution = {};
  const regionCode = offer.regionPath[offer.regionPath.length - 1];
  if (!regionCode) return out;
  if (offer.status === 'accepted' && offer.respondedAt) {
    part(out, { regionCode, day: dayOf(offer.createdAt) }).acc[offer._id] = minutesBetween(offer.createdAt, offer.respondedAt);
  } else if (offer.status === 'expired') {
    add(part(out, { regionCode, day: dayOf(offer.createdAt) }).n, 'offersExpired', 1);
  }
  return out;
}

type RecordFacts = Pick<ServiceRecord, 'regionCode' | 'kind' | 'date' | 'hours' | 'attendees' | 'enterpriseId' | 'craftsmanId'>;

/** Hours are kept in hundredths so that sums and differences stay exact integers. */
export const centiHours = (hours: number) => Math.round(hours * 100);

/** A service record counts on its service date: one person-visit of its craftsman, its hours and, for training, its attendees. */
export function recordContribution(record: RecordFacts): Contribution {
  const out: Contribution = {};
  const p = part(out, { regionCode: record.regionCode, day: dayOf(record.date) });
  add(p.n, 'visits', 1);
  add(p.n, `kind_${record.kind}`, 1);
  add(p.n, 'hours100', centiHours(record.hours));
  if (record.kind === 'training') add(p.n, 'trainingAttendees', record.attendees);
  add(p.ent, record.enterpriseId, 1);
  add(p.cra, record.craftsmanId, 1);
  return out;
}

/** The store update that turns a bucket holding `before` into one holding `after`, or null when nothing changes. */
export function bucketUpdate(before: BucketData | undefined, after: BucketData | undefined) {
  const inc: Record<string, number> = {};
  const set: Record<string, number> = {};
  const unset: Record<string, ''> = {};
  const old = before ?? emptyData();
  const neu = after ?? emptyData();
  for (const map of ['n', ...COUNT_MAPS] as const) {
    const keys = new Set([...Object.keys(old[map]), ...Object.keys(neu[map])]);
    for (const key of keys) {
      const delta = (neu[map][key] ?? 0) - (old[map][key] ?? 0);
      if (delta !== 0) inc[`${map}.${key}`] = delta;
    }
  }
  for (const map of VALUE_MAPS) {
    for (const [key, value] of Object.entries(neu[map])) if (old[map][key] !== value) set[`${map}.${key}`] = value;
    for (const key of Object.keys(old[map])) if (!(key in neu[map])) unset[`${map}.${key}`] = '';
  }
  if (!Object.keys(inc).length && !Object.keys(set).length && !Object.keys(unset).length) return null;
  return { inc, set, unset };
}

/** Adds a share into an in-memory bucket (for rebuilding rollups in bulk and for the direct path). */
export function addInto(target: BucketData, share: BucketData): void {
  for (const map of ['n', ...COUNT_MAPS] as const) for (const [key, value] of Object.entries(share[map])) add(target[map], key, value);
  for (const map of VALUE_MAPS) Object.assign(target[map], share[map]);
}

/** Sums contributions into rollup buckets, as the consumer would have built them event by event. */
export function bucketsOf(contributions: Iterable<Contribution>): Map<string, RollupBucket> {
  const buckets = new Map<string, RollupBucket>();
  for (const contribution of contributions) {
    for (const [id, share] of Object.entries(contribution)) {
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = { _id: id, regionCode: share.regionCode, regionPath: regionPath(share.regionCode), day: share.day, ...emptyData() };
        buckets.set(id, bucket);
      }
      addInto(bucket, share);
    }
  }
  return buckets;
}
