import type { Complaint } from '../../../src/domain/orders/complaint.js';
import type { Craftsman } from '../../../src/domain/craftsmen/craftsman.js';
import type { Offer, Order, ServiceRecord } from '../../../src/domain/orders/order.js';
import type { Store } from '../../../src/ports/store.js';
import type { Pairing } from '../../../src/domain/mentoring/pairing.js';

/**
 * The statistics counted the slow, obvious way from the raw documents, written apart from the
 * rollup code so that the two can check each other.
 */
export interface Raw {
  orders: Order[];
  offers: Offer[];
  records: ServiceRecord[];
  craftsmen: Craftsman[];
  complaints: Complaint[];
  pairings: Pairing[];
}

export async function loadRaw(store: Store): Promise<Raw> {
  const [orders, offers, records, craftsmen, complaints, pairings] = await Promise.all([
    store.collection<Order>('orders').find({}),
    store.collection<Offer>('offers').find({}),
    store.collection<ServiceRecord>('serviceRecords').find({}),
    store.collection<Craftsman>('craftsmen').find({}),
    store.collection<Complaint>('complaints').find({}),
    store.collection<Pairing>('pairings').find({}),
  ]);
  return { orders, offers, records, craftsmen, complaints, pairings };
}

const beijingDay = (value: string) => (value.length === 10 ? value : new Date(Date.parse(value) + 8 * 3600 * 1000).toISOString().slice(0, 10));
const minutes = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 6000) / 10;

function median(values: number[]) {
  if (!values.length) return { count: 0, medianMinutes: null, p90Minutes: null };
  const s = [...values].sort((a, b) => a - b);
  const m = s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  return { count: s.length, medianMinutes: Math.round(m * 10) / 10, p90Minutes: s[Math.ceil(s.length * 0.9) - 1] as number };
}

/** Of the orders counted, how many met their deadline. */
function share(items: Order[], met: (o: Order) => boolean) {
  const onTime = items.filter(met).length;
  return { counted: items.length, onTime, share: items.length ? Math.round((onTime / items.length) * 10_000) / 10_000 : null };
}

/** Pairwise Gini: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n Σx). */
function pairwiseGini(xs: number[]) {
  if (!xs.length) return null;
  const total = xs.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * xs.length * total);
}

function topShare(xs: number[]) {
  const total = xs.reduce((a, b) => a + b, 0);
  if (!xs.length || total === 0) return null;
  const k = Math.max(1, Math.ceil(xs.length / 10));
  return [...xs].sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0) / total;
}

/**
 * A group: things whose region path holds `code` (an org's subtree) and, with `exclude`, not any of
 * those codes (what belongs to the org itself).
 */
export function recount(raw: Raw, group: { code: string; exclude?: string[] }, range: { from: string; to: string }) {
  const inGroup = (path: string[]) => path.includes(group.code) && !(group.exclude ?? []).some((c) => path.includes(c));
  const inRange = (day: string) => day >= range.from && day <= range.to;
  const orders = raw.orders.filter((o) => inGroup(o.regionPath));
  const submitted = orders.filter((o) => inRange(beijingDay(o.submittedAt)));
  const closed = orders.filter((o) => o.status === 'closed' && o.closedAt && inRange(beijingDay(o.closedAt)));
  // A disputed record counts only once staff dismissed the dispute (written out here, apart from the domain rule).
  const counted = (r: ServiceRecord) => !r.dispute || r.dispute.status === 'dismissed';
  const records = raw.records.filter((r) => counted(r) && inGroup(r.regionPath) && inRange(beijingDay(r.date)));
  const offers = raw.offers.filter((f) => inGroup(f.regionPath) && inRange(beijingDay(f.createdAt)));
  const rated = closed.filter((o) => typeof o.rating === 'number');
  const active = raw.craftsmen.filter((c) => inGroup(c.regionPath) && c.status === 'active').map((c) => c._id);
  // 人次 written out by hand: distinct (order, person taking part, Beijing day) over the counted records.
  const personVisits = new Set<string>();
  for (const r of records) for (const person of new Set([r.craftsmanId, ...(r.participantIds ?? [])])) personVisits.add(JSON.stringify([r.orderId, person, beijingDay(r.date)]));
  const visitsBy = new Map<string, number>();
  for (const key of personVisits) {
    const person = (JSON.parse(key) as string[])[1]!;
    visitsBy.set(person, (visitsBy.get(person) ?? 0) + 1);
  }
  const doneBy = new Map<string, number>();
  for (const o of closed) if (o.craftsmanId) doneBy.set(o.craftsmanId, (doneBy.get(o.craftsmanId) ?? 0) + 1);
  const population = [...new Set([...active, ...visitsBy.keys(), ...doneBy.keys()])];
  const count = <T>(items: T[], pred: (x: T) => boolean) => items.filter(pred).length;
  return {
    orders: {
      total: submitted.length,
      byStatus: Object.fromEntries(['submitted', 'rejected', 'open', 'offered', 'in_progress', 'resolved', 'closed', 'cancelled'].map((s) => [s, count(submitted, (o) => o.status === s)])),
      byCategory: Object.fromEntries(['technical_problem', 'equipment_repair', 'process_improvement', 'skills_training', 'mentoring'].map((c) => [c, count(submitted, (o) => o.category === c)])),
      // An order stored without a source came from the enterprise itself.
      bySource: Object.fromEntries(['enterprise', 'staff_visit', 'hotline', 'union_chair', 'grid_worker', 'other'].map((k) => [k, count(submitted, (o) => (o.source ?? 'enterprise') === k)])),
    },
    namedRequests: (() => {
      // Written out apart from the domain rule: honoured when the named craftsman is the one who took the order on.
      const named = submitted.filter((o) => o.preferred);
      const honoured = named.filter((o) => o.craftsmanId !== null && o.craftsmanId === o.preferred?.id).length;
      return { requested: named.length, honoured, rate: named.length ? Math.round((honoured / named.length) * 10_000) / 10_000 : null };
    })(),
    problemsSolved: closed.length,
    service: {
      visits: personVisits.size,
      byKind: Object.fromEntries(['visit', 'remote', 'training', 'mentoring'].map((k) => [k, count(records, (r) => r.kind === k)])),
      hours: records.reduce((a, r) => a + Math.round(r.hours * 100), 0) / 100,
      trainingAttendees: records.filter((r) => r.kind === 'training').reduce((a, r) => a + r.attendees, 0),
    },
    enterprisesServed: new Set(records.map((r) => r.enterpriseId)).size,
    craftsmen: { active: active.length, withService: visitsBy.size },
    response: {
      toFirstOffer: median(submitted.filter((o) => o.firstOfferedAt).map((o) => minutes(o.submittedAt, o.firstOfferedAt as string))),
      offerToAcceptance: median(offers.filter((f) => f.status === 'accepted' && f.respondedAt).map((f) => minutes(f.createdAt, f.respondedAt as string))),
    },
    serviceLimits: {
      toFirstContact: median(submitted.filter((o) => o.acceptedAt && o.firstContactAt).map((o) => minutes(o.acceptedAt as string, o.firstContactAt as string))),
      toResolution: median(submitted.filter((o) => o.acceptedAt && o.resolvedAt).map((o) => minutes(o.acceptedAt as string, o.resolvedAt as string))),
      firstContact: share(submitted.filter((o) => o.serviceDeadlines && o.firstContactAt), (o) => Date.parse(o.firstContactAt as string) <= Date.parse(o.serviceDeadlines!.firstContactDueAt)),
      resolution: share(submitted.filter((o) => o.serviceDeadlines && o.resolvedAt), (o) => Date.parse(o.resolvedAt as string) <= Date.parse(o.serviceDeadlines!.resolutionDueAt)),
    },
    sla: { offersExpired: count(offers, (f) => f.status === 'expired'), escalations: count(submitted, (o) => Boolean(o.escalatedToOrgId)) },
    satisfaction: { average: rated.length ? Math.round((rated.reduce((a, o) => a + (o.rating as number), 0) / rated.length) * 100) / 100 : null, count: rated.length },
    cooperation: (() => {
      // Craftsmen's ratings of enterprises, counted on the day given.
      const given = orders.filter((o) => o.craftsmanRating && inRange(beijingDay(o.craftsmanRating.ratedAt)));
      return { average: given.length ? Math.round((given.reduce((a, o) => a + o.craftsmanRating!.rating, 0) / given.length) * 100) / 100 : null, count: given.length };
    })(),
    followUp: (() => {
      // Counted apart from the rollups: closed orders whose follow-up has opened, on their closing day.
      const due = closed.filter((o) => o.followUp && o.followUp.status !== 'scheduled');
      const answered = due.filter((o) => o.followUp?.survey);
      const avg = (pick: (o: Order) => number) => (answered.length ? Math.round((answered.reduce((a, o) => a + pick(o), 0) / answered.length) * 100) / 100 : null);
      return {
        due: due.length,
        answered: answered.length,
        rate: due.length ? Math.round((answered.length / due.length) * 10_000) / 10_000 : null,
        stillSolved: answered.filter((o) => o.followUp?.survey?.stillSolved).length,
        craftsmanSatisfaction: avg((o) => o.followUp!.survey!.craftsmanSatisfaction),
        unionSatisfaction: avg((o) => o.followUp!.survey!.unionSatisfaction),
      };
    })(),
    complaints: (() => {
      // Complaints filed in the range, in the group; handled on time when decided by their due time.
      const filed = raw.complaints.filter((c) => inGroup(c.regionPath) && inRange(beijingDay(c.filedAt)));
      const decided = filed.filter((c) => c.decidedAt);
      return {
        filed: filed.length,
        byTarget: Object.fromEntries(['craftsman', 'enterprise', 'service'].map((k) => [k, count(filed, (c) => c.target === k)])),
        open: count(filed, (c) => c.status === 'open'),
        upheld: count(filed, (c) => c.status === 'upheld'),
        dismissed: count(filed, (c) => c.status === 'dismissed'),
        toDecision: median(decided.map((c) => minutes(c.filedAt, c.decidedAt as string))),
        onTime: {
          counted: decided.length,
          onTime: count(decided, (c) => Date.parse(c.decidedAt as string) <= Date.parse(c.dueAt)),
          share: decided.length ? Math.round((count(decided, (c) => Date.parse(c.decidedAt as string) <= Date.parse(c.dueAt)) / decided.length) * 10_000) / 10_000 : null,
        },
      };
    })(),
    reopenedOrders: count(submitted, (o) => o.reopenCount > 0),
    mentoring: mentoringRecount(raw.pairings.filter((p) => inGroup(p.regionPath)), inRange),
    equity: {
      craftsmen: population.length,
      busiestTenthShare: topShare(population.map((id) => visitsBy.get(id) ?? 0)),
      gini: pairwiseGini(population.map((id) => doneBy.get(id) ?? 0)),
    },
  };
}

/** Compares figures from the API with a recount: equity figures to 3 decimals, everything else exactly. */
export function withoutEquity<T extends { equity: unknown }>(f: T): Omit<T, 'equity'> {
  const { equity: _e, ...rest } = f;
  return rest;
}

/**
 * 师带徒 from the pairings' milestones alone (not the apprentices' or pairings' derived fields):
 * confirmed outcomes on their dates, an apprentice promoted counted on its earliest confirmed
 * promotion, a pairing graduated when every apprentice has a confirmed 出师 (on the last of them).
 */
function mentoringRecount(pairings: Pairing[], inRange: (day: string) => boolean) {
  const confirmed = (p: Pairing, kind: string) => p.milestones.filter((m) => m.status === 'confirmed' && m.kind === kind);
  let pairingsGraduated = 0;
  let apprenticesGraduated = 0;
  let apprenticesPromoted = 0;
  let certificates = 0;
  let sessions = 0;
  let centi = 0;
  for (const p of pairings) {
    const graduations = confirmed(p, 'graduation');
    const gradDays = p.apprentices.map((a) => graduations.filter((m) => m.apprenticeId === a.id).map((m) => m.date).sort()[0]);
    apprenticesGraduated += gradDays.filter((d) => d !== undefined && inRange(d)).length;
    if (gradDays.every((d) => d !== undefined)) {
      const last = [...(gradDays as string[])].sort().at(-1) as string;
      if (inRange(last)) pairingsGraduated += 1;
    }
    for (const a of p.apprentices) {
      const first = confirmed(p, 'promotion').filter((m) => m.apprenticeId === a.id).map((m) => m.date).sort()[0];
      if (first !== undefined && inRange(first)) apprenticesPromoted += 1;
    }
    certificates += confirmed(p, 'certificate').filter((m) => inRange(m.date)).length;
    for (const s of p.sessions) {
      if (!inRange(s.date)) continue;
      sessions += 1;
      centi += Math.round(s.hours * 100);
    }
  }
  return {
    pairingsStarted: pairings.filter((p) => inRange(p.startDate)).length,
    pairingsGraduated,
    apprenticesGraduated,
    apprenticesPromoted,
    certificates,
    sessions,
    hours: centi / 100,
    active: pairings.filter((p) => p.status === 'active').length,
  };
}
