import type { Complaint } from '../orders/complaint.js';
import type { Pairing } from '../mentoring/pairing.js';
import { namedHonoured } from '../orders/named-request.js';
import { sourceOf, type Offer, type Order, type ServiceRecord } from '../orders/order.js';
import { recordCounts } from '../orders/service-record-rules.js';
import { regionPath } from '../regions/region.js';
import { dayOf, minutesBetween, monthOf, yearOf } from './period.js';

/**
 * What one order, offer or service record adds to the statistics, split by (region, day) bucket.
 *
 * The rollup of a bucket is the sum of the contributions of every source that touches it. A
 * consumer keeps it exact by recomputing a source's contribution from its current state and
 * applying the difference to the previous one it applied (stored beside the rollups). That makes
 * the update idempotent and independent of the order events arrive in: replaying any event, any
 * number of times, recomputes the same contribution and applies a zero difference.
 *
 * A source's contribution is computed per day; every day share also counts in the month and the
 * year holding that day ({@link rollupShares}), so a report reads whole years and months from their
 * own buckets and days only at the ragged edges of its range. Every map in a bucket is a sum of
 * counts, so the three grains stay exact under the same difference.
 */

/** Additive counters, by key: `orders`, `status_open`, `cat_mentoring`, `solved`, `hours100`, … */
export type Counters = Record<string, number>;

/** Maps that are summed per key: distinct counts and per-craftsman work, and latency histograms. */
export const COUNT_MAPS = ['ent', 'cra', 'done', 'disp', 'acc', 'fv', 'res', 'cmp'] as const;
export type CountMap = (typeof COUNT_MAPS)[number];

/**
 * The histogram key of a latency: whole tenths of a minute. Latencies are measured to a tenth of a
 * minute ({@link minutesBetween}) and reported at that resolution, so medians and p90 read from the
 * histogram are exactly those of the individual values.
 */
export const latencyKey = (minutes: number) => String(Math.round(minutes * 10));

/** One bucket's share of a source (or, summed, the rollup of the bucket). */
export interface BucketData {
  /** Additive counters. */
  n: Counters;
  /** Enterprise id → service records for it (enterprises served). */
  ent: Counters;
  /** Craftsman id → person-visits (人次, see {@link visitContribution}) of that craftsman. */
  cra: Counters;
  /** Craftsman id → orders it completed (closed). */
  done: Counters;
  /** Histogram of minutes from submission to the first offer ({@link latencyKey} → orders), orders submitted in the bucket. */
  disp: Counters;
  /** Histogram of minutes from an offer to its acceptance ({@link latencyKey} → offers), offers made in the bucket. */
  acc: Counters;
  /** Histogram of minutes from acceptance to the first service record (first contact or visit), orders submitted in the bucket. */
  fv: Counters;
  /** Histogram of minutes from acceptance to resolution, orders submitted in the bucket. */
  res: Counters;
  /** Histogram of minutes from a complaint's filing to staff's decision, complaints filed in the bucket. */
  cmp: Counters;
}

export interface BucketKey {
  /** The most specific region the source belongs to (a county, or a prefecture itself). */
  regionCode: string;
  day: string;
}

/** How long a rollup bucket spans. */
export type Grain = 'day' | 'month' | 'year';
export const GRAINS: readonly Grain[] = ['day', 'month', 'year'];

/** Where a rollup bucket sits: a region, a grain, its span and the span's first day. */
export interface RollupKey {
  regionCode: string;
  grain: Grain;
  /** The period it covers: `2025`, `2025-03` or `2025-03-15` (what reports ask for by equality). */
  span: string;
  /** First day of the span (`2025-03-01` for March 2025), for grouping a time series. */
  day: string;
}

/** A stored rollup: one region × one day, month or year. */
export interface RollupBucket extends RollupKey, BucketData {
  _id: string;
  regionPath: string[];
  [key: string]: unknown;
}

/** A day share's id: `522701:2025-03-15` (month and year buckets: `522701:2025-03`, `522701:2025`). */
export const bucketId = (key: BucketKey) => `${key.regionCode}:${key.day}`;

/** The span of a grain holding a day: `2025-03-15`, `2025-03` or `2025`. */
export const spanOf = (grain: Grain, day: string) => (grain === 'day' ? day : grain === 'month' ? monthOf(day) : yearOf(day));
const firstDayOf = (grain: Grain, day: string) => (grain === 'day' ? day : grain === 'month' ? `${monthOf(day)}-01` : `${yearOf(day)}-01-01`);
export const emptyData = (): BucketData => ({ n: {}, ent: {}, cra: {}, done: {}, disp: {}, acc: {}, fv: {}, res: {}, cmp: {} });

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

type OrderFacts = Pick<Order, '_id' | 'regionCode' | 'status' | 'category' | 'reopenCount' | 'escalatedToOrgId' | 'submittedAt' | 'firstOfferedAt' | 'closedAt' | 'rating' | 'craftsmanId' | 'source' | 'acceptedAt' | 'resolvedAt' | 'firstContactAt' | 'serviceDeadlines' | 'followUp' | 'preferred' | 'craftsmanRating'>;

/** An order counts on the day it was submitted (by status, category, source, 点名 and whether it was honoured, dispatch time, reopen, escalation) and, once closed, on its closing day (solved, rating, completion). */
export function orderContribution(order: OrderFacts): Contribution {
  const out: Contribution = {};
  const submitted = part(out, { regionCode: order.regionCode, day: dayOf(order.submittedAt) });
  add(submitted.n, 'orders', 1);
  add(submitted.n, `status_${order.status}`, 1);
  add(submitted.n, `cat_${order.category}`, 1);
  add(submitted.n, `src_${sourceOf(order)}`, 1);
  if (order.preferred) add(submitted.n, 'named', 1);
  if (namedHonoured(order)) add(submitted.n, 'namedHonoured', 1);
  if (order.reopenCount > 0) add(submitted.n, 'reopened', 1);
  if (order.escalatedToOrgId) add(submitted.n, 'escalated', 1);
  if (order.firstOfferedAt) add(submitted.disp, latencyKey(minutesBetween(order.submittedAt, order.firstOfferedAt)), 1);
  // 服务时限: time from acceptance to the first contact and to resolution, and whether each was in time.
  if (order.acceptedAt && order.firstContactAt) add(submitted.fv, latencyKey(minutesBetween(order.acceptedAt, order.firstContactAt)), 1);
  if (order.acceptedAt && order.resolvedAt) add(submitted.res, latencyKey(minutesBetween(order.acceptedAt, order.resolvedAt)), 1);
  const due = order.serviceDeadlines;
  if (due && order.firstContactAt) {
    add(submitted.n, 'contactTimed', 1);
    if (order.firstContactAt <= due.firstContactDueAt) add(submitted.n, 'contactOnTime', 1);
  }
  if (due && order.resolvedAt) {
    add(submitted.n, 'resolutionTimed', 1);
    if (order.resolvedAt <= due.resolutionDueAt) add(submitted.n, 'resolutionOnTime', 1);
  }
  if (order.status === 'closed' && order.closedAt) {
    const closed = part(out, { regionCode: order.regionCode, day: dayOf(order.closedAt) });
    add(closed.n, 'solved', 1);
    if (typeof order.rating === 'number') {
      add(closed.n, 'ratingSum', order.rating);
      add(closed.n, 'ratingCount', 1);
    }
    if (order.craftsmanId) add(closed.done, order.craftsmanId, 1);
  }
  // 双向评价: the craftsman's rating of the enterprise's cooperation, on the day it was given.
  if (order.craftsmanRating) {
    const rated = part(out, { regionCode: order.regionCode, day: dayOf(order.craftsmanRating.ratedAt) });
    add(rated.n, 'coopSum', order.craftsmanRating.rating);
    add(rated.n, 'coopCount', 1);
  }
  // 回访, on the day the order (first) counted as closed: follow-ups opened, surveys answered and their answers.
  const followUp = order.followUp;
  if (order.closedAt && followUp && followUp.status !== 'scheduled') {
    const day = part(out, { regionCode: order.regionCode, day: dayOf(order.closedAt) });
    add(day.n, 'fuDue', 1);
    if (followUp.survey) {
      add(day.n, 'fuAnswered', 1);
      if (followUp.survey.stillSolved) add(day.n, 'fuStillSolved', 1);
      add(day.n, 'fuCraftsmanSum', followUp.survey.craftsmanSatisfaction);
      add(day.n, 'fuUnionSum', followUp.survey.unionSatisfaction);
    }
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
    add(part(out, { regionCode, day: dayOf(offer.createdAt) }).acc, latencyKey(minutesBetween(offer.createdAt, offer.respondedAt)), 1);
  } else if (offer.status === 'expired') {
    add(part(out, { regionCode, day: dayOf(offer.createdAt) }).n, 'offersExpired', 1);
  }
  return out;
}

type RecordFacts = Pick<ServiceRecord, 'regionCode' | 'kind' | 'date' | 'hours' | 'attendees' | 'enterpriseId' | 'craftsmanId' | 'dispute'> & Pick<Partial<ServiceRecord>, 'participantIds' | 'orderId'>;

/**
 * 人次 (person-visits), the figure a union reports: **one craftsman taking part in service for one
 * order on one calendar day (Asia/Shanghai) is one person-visit.** Several records by the same
 * craftsman for the same order on the same day count once; a team visit counts each member who took
 * part (the recording craftsman and the record's `participantIds`); a disputed record counts for no
 * one until the dispute is dismissed. Mentoring pairings' sessions are not person-visits of this kind.
 */
export const personVisitKey = (orderId: string, craftsmanId: string, day: string) => `${orderId}|${craftsmanId}|${day}`;

/** The people a record counts for: its craftsman and the team members who took part, once each. */
export const recordPeople = (record: Pick<ServiceRecord, 'craftsmanId'> & Pick<Partial<ServiceRecord>, 'participantIds'>): string[] => [...new Set([record.craftsmanId, ...(record.participantIds ?? [])])];

/** The person-visits a record can make: one key per person it counts for, on its Beijing day. */
export function personVisitKeys(record: Pick<ServiceRecord, 'orderId' | 'craftsmanId' | 'date'> & Pick<Partial<ServiceRecord>, 'participantIds'>): string[] {
  const day = dayOf(record.date);
  return recordPeople(record).map((craftsmanId) => personVisitKey(record.orderId, craftsmanId, day));
}

/**
 * What one person-visit adds, given every record of its order that names the person: one 人次 on its
 * day in the region of the order, when at least one of that day's records counts.
 */
export function visitContribution(key: string, records: readonly RecordFacts[]): Contribution {
  const out: Contribution = {};
  const [, craftsmanId, day] = key.split('|') as [string, string, string];
  const counting = records.find((r) => dayOf(r.date) === day && recordPeople(r).includes(craftsmanId) && recordCounts(r));
  if (!counting) return out;
  const p = part(out, { regionCode: counting.regionCode, day });
  add(p.n, 'visits', 1);
  add(p.cra, craftsmanId, 1);
  return out;
}

/** Hours are kept in hundredths so that sums and differences stay exact integers. */
export const centiHours = (hours: number) => Math.round(hours * 100);

/**
 * A service record counts on its service date: its kind, its hours and, for training, its attendees
 * (person-visits are counted per person, order and day by {@link visitContribution}). A disputed
 * record counts for nothing until staff dismiss the dispute.
 */
export function recordContribution(record: RecordFacts): Contribution {
  const out: Contribution = {};
  if (!recordCounts(record)) return out;
  const p = part(out, { regionCode: record.regionCode, day: dayOf(record.date) });
  add(p.n, `kind_${record.kind}`, 1);
  add(p.n, 'hours100', centiHours(record.hours));
  if (record.kind === 'training') add(p.n, 'trainingAttendees', record.attendees);
  add(p.ent, record.enterpriseId, 1);
  return out;
}

type ComplaintFacts = Pick<Complaint, 'regionCode' | 'status' | 'target' | 'filedAt' | 'dueAt' | 'decidedAt'>;

/** A complaint counts on the day it was filed: filed, by target, its outcome, and once decided its handling time and whether in time. */
export function complaintContribution(complaint: ComplaintFacts): Contribution {
  const out: Contribution = {};
  const p = part(out, { regionCode: complaint.regionCode, day: dayOf(complaint.filedAt) });
  add(p.n, 'cmpFiled', 1);
  add(p.n, `cmpAbout_${complaint.target}`, 1);
  if (complaint.status === 'upheld') add(p.n, 'cmpUpheld', 1);
  if (complaint.status === 'dismissed') add(p.n, 'cmpDismissed', 1);
  if (complaint.decidedAt) {
    add(p.cmp, latencyKey(minutesBetween(complaint.filedAt, complaint.decidedAt)), 1);
    if (complaint.decidedAt <= complaint.dueAt) add(p.n, 'cmpOnTime', 1);
  }
  return out;
}

type PairingFacts = Pick<Pairing, 'regionCode' | 'startDate' | 'status' | 'graduatedOn' | 'apprentices' | 'sessions' | 'milestones'>;

/**
 * A 师带徒 pairing counts on its start day (started), each session's day (mentoring sessions and
 * hours — never person-visits), each apprentice's confirmed 出师 day, the day of an apprentice's first
 * confirmed promotion (an apprentice promoted twice is one apprentice promoted), each confirmed
 * certificate's day, and the day the last apprentice graduated (the pairing graduated).
 */
export function pairingContribution(pairing: PairingFacts): Contribution {
  const out: Contribution = {};
  const on = (day: string) => part(out, { regionCode: pairing.regionCode, day });
  add(on(pairing.startDate).n, 'pairStarted', 1);
  for (const session of pairing.sessions) {
    const p = on(session.date);
    add(p.n, 'mentSessions', 1);
    add(p.n, 'mentHours100', centiHours(session.hours));
  }
  for (const apprentice of pairing.apprentices) if (apprentice.graduatedOn) add(on(apprentice.graduatedOn).n, 'apprGraduated', 1);
  const firstPromotion = new Map<string, string>();
  for (const m of pairing.milestones) {
    if (m.status !== 'confirmed') continue;
    if (m.kind === 'certificate') add(on(m.date).n, 'apprCertified', 1);
    if (m.kind === 'promotion') {
      const seen = firstPromotion.get(m.apprenticeId);
      if (!seen || m.date < seen) firstPromotion.set(m.apprenticeId, m.date);
    }
  }
  for (const day of firstPromotion.values()) add(on(day).n, 'apprPromoted', 1);
  if (pairing.status === 'graduated' && pairing.graduatedOn) add(on(pairing.graduatedOn).n, 'pairGraduated', 1);
  return out;
}

/** A rollup share: what a source adds to one stored bucket of some grain. */
export type RollupShare = BucketData & RollupKey;

/** A source's day contribution spread over the buckets it counts in: each day, and the month and year holding it. */
export function rollupShares(contribution: Contribution | StoredContribution, grains: readonly Grain[] = GRAINS): Record<string, RollupShare> {
  const out: Record<string, RollupShare> = {};
  for (const share of Object.values(contribution)) {
    for (const grain of grains) {
      const span = spanOf(grain, share.day);
      const id = `${share.regionCode}:${span}`;
      let target = out[id];
      if (!target) {
        target = { regionCode: share.regionCode, grain, span, day: firstDayOf(grain, share.day), ...emptyData() };
        out[id] = target;
      }
      addInto(target, share);
    }
  }
  return out;
}

/** The `$inc` that turns a bucket holding `before` into one holding `after`, or null when nothing changes. */
export function bucketUpdate(before: Partial<BucketData> | undefined, after: Partial<BucketData> | undefined): Record<string, number> | null {
  const inc: Record<string, number> = {};
  for (const map of ['n', ...COUNT_MAPS] as const) {
    const old = before?.[map] ?? {};
    const neu = after?.[map] ?? {};
    const keys = new Set([...Object.keys(old), ...Object.keys(neu)]);
    for (const key of keys) {
      const delta = (neu[key] ?? 0) - (old[key] ?? 0);
      if (delta !== 0) inc[`${map}.${key}`] = delta;
    }
  }
  return Object.keys(inc).length ? inc : null;
}

/** Adds a share into an in-memory bucket (for rebuilding rollups in bulk and for the direct path). */
export function addInto(target: BucketData, share: Partial<BucketData>): void {
  for (const map of ['n', ...COUNT_MAPS] as const) {
    const from = share[map];
    if (from) for (const key in from) add(target[map], key, from[key] as number);
  }
}

/** A contribution as stored in a source's snapshot: the same shares without their empty maps (most are). */
export type StoredContribution = Record<string, Partial<BucketData> & BucketKey>;

export function compactContribution(contribution: Contribution): StoredContribution {
  const out: StoredContribution = {};
  for (const [id, share] of Object.entries(contribution)) {
    const kept: Partial<BucketData> & BucketKey = { regionCode: share.regionCode, day: share.day };
    for (const map of ['n', ...COUNT_MAPS] as const) if (Object.keys(share[map]).length) kept[map] = share[map];
    out[id] = kept;
  }
  return out;
}

/** Sums contributions into rollup buckets of the given grains (into `buckets` when given), as the consumer would have built them event by event. */
export function bucketsOf(contributions: Iterable<Contribution>, grains: readonly Grain[] = ['day'], buckets = new Map<string, RollupBucket>()): Map<string, RollupBucket> {
  for (const contribution of contributions) {
    for (const share of Object.values(contribution)) {
      for (const grain of grains) {
        const span = spanOf(grain, share.day);
        const id = `${share.regionCode}:${span}`;
        let bucket = buckets.get(id);
        if (!bucket) {
          bucket = { _id: id, regionCode: share.regionCode, regionPath: regionPath(share.regionCode), grain, span, day: firstDayOf(grain, share.day), ...emptyData() };
          buckets.set(id, bucket);
        }
        addInto(bucket, share);
      }
    }
  }
  return buckets;
}
