import { orderCategories, orderSources, orderStatuses, serviceKinds, type OrderCategory, type OrderSource, type OrderStatus, type ServiceKind } from '../orders/order.js';
import { complaintTargets, type ComplaintTarget } from '../orders/complaint.js';
import { COUNT_MAPS, type BucketData, type Counters } from './contributions.js';

/** The figures of one group (an org's subtree, a child org, or what belongs to an org itself). */
export interface Figures {
  /** `bySource`: where the needs came from — the enterprise itself or staff entering them (代录) after a visit, a hotline call … */
  orders: { total: number; byStatus: Record<OrderStatus, number>; byCategory: Record<OrderCategory, number>; bySource: Record<OrderSource, number> };
  /**
   * 点名 among the orders submitted in the period: how many named a provider, and how many of those the
   * named provider took on (accepted or claimed); `rate` = honoured / requested, null when none were named.
   */
  namedRequests: { requested: number; honoured: number; rate: number | null };
  /** 解决问题数: orders closed after resolution (confirmed by the enterprise). */
  problemsSolved: number;
  service: {
    /**
     * 服务企业人次: one craftsman taking part in service for one order on one calendar day (Asia/Shanghai)
     * is one person-visit; several records of that craftsman, order and day count once; each team member
     * who took part counts (see `visitContribution` in contributions.ts).
     */
    visits: number;
    /** Counted service records by kind (a record, not a person-visit: a day's visit and training are two records). */
    byKind: Record<ServiceKind, number>;
    hours: number;
    trainingAttendees: number;
  };
  /** Distinct enterprises with at least one service record. */
  enterprisesServed: number;
  craftsmen: { active: number; withService: number };
  response: { toFirstOffer: Latency; offerToAcceptance: Latency };
  sla: { offersExpired: number; escalations: number };
  /**
   * 服务时限 after acceptance, for orders submitted in the period: time to the first contact or visit and
   * to resolution, and of those with deadlines, how many met them (`share` null when none were counted).
   */
  serviceLimits: {
    toFirstContact: Latency;
    toResolution: Latency;
    firstContact: OnTime;
    resolution: OnTime;
  };
  satisfaction: { average: number | null; count: number };
  /** 双向评价: craftsmen's ratings of enterprises' cooperation given in the period. */
  cooperation: { average: number | null; count: number };
  /**
   * 回访 of orders closed in the period (a reopened order counts while closed): follow-ups opened, surveys
   * answered (`rate` = answered / due), how many said the problem is still solved, average satisfaction.
   */
  followUp: { due: number; answered: number; rate: number | null; stillSolved: number; craftsmanSatisfaction: number | null; unionSatisfaction: number | null };
  /**
   * 投诉 filed in the period: how many, about whom, their outcomes (still open = filed − upheld − dismissed),
   * the time from filing to staff's decision, and of those decided how many within the handling time.
   */
  complaints: {
    filed: number;
    byTarget: Record<ComplaintTarget, number>;
    open: number;
    upheld: number;
    dismissed: number;
    toDecision: Latency;
    onTime: OnTime;
  };
  reopenedOrders: number;
  /**
   * 师带徒, counted apart from 人次: pairings started in the period, graduated (every apprentice 出师),
   * apprentices graduated, promoted (once per apprentice) and certified — confirmed outcomes only —,
   * mentoring sessions and their hours; `active`: pairings running now (like active craftsmen).
   */
  mentoring: { pairingsStarted: number; pairingsGraduated: number; apprenticesGraduated: number; apprenticesPromoted: number; certificates: number; sessions: number; hours: number; active: number };
  equity: {
    /** Craftsmen counted: active ones in the group plus any who worked in it. */
    craftsmen: number;
    /** Share of person-visits done by the busiest 10% of them (at least one craftsman). */
    busiestTenthShare: number | null;
    /** Gini coefficient of completed orders per craftsman (0 = perfectly even). */
    gini: number | null;
  };
}

export interface OnTime {
  counted: number;
  onTime: number;
  share: number | null;
}

export interface Latency {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** Figures that add up: a parent's equals the sum of its children's plus its own. */
export const ADDITIVE_PATHS = [
  'orders.total',
  'namedRequests.requested',
  'namedRequests.honoured',
  'problemsSolved',
  'service.visits',
  'service.hours',
  'service.trainingAttendees',
  'sla.offersExpired',
  'sla.escalations',
  'satisfaction.count',
  'cooperation.count',
  'followUp.due',
  'followUp.answered',
  'followUp.stillSolved',
  'reopenedOrders',
  'complaints.filed',
  'complaints.open',
  'complaints.upheld',
  'complaints.dismissed',
  'complaints.toDecision.count',
  'complaints.onTime.counted',
  'complaints.onTime.onTime',
  ...complaintTargets.map((target) => `complaints.byTarget.${target}` as const),
  'mentoring.pairingsStarted',
  'mentoring.pairingsGraduated',
  'mentoring.apprenticesGraduated',
  'mentoring.apprenticesPromoted',
  'mentoring.certificates',
  'mentoring.sessions',
  'mentoring.hours',
  'mentoring.active',
  'response.toFirstOffer.count',
  'response.offerToAcceptance.count',
  'serviceLimits.toFirstContact.count',
  'serviceLimits.toResolution.count',
  'serviceLimits.firstContact.counted',
  'serviceLimits.firstContact.onTime',
  'serviceLimits.resolution.counted',
  'serviceLimits.resolution.onTime',
  ...orderSources.map((source) => `orders.bySource.${source}` as const),
] as const;

/** Running sums of buckets for one group (`disp` and `acc` are latency histograms keyed by tenths of a minute). */
export interface Accumulator {
  n: Counters;
  ent: Map<string, number>;
  cra: Map<string, number>;
  done: Map<string, number>;
  disp: Map<string, number>;
  acc: Map<string, number>;
  fv: Map<string, number>;
  res: Map<string, number>;
  cmp: Map<string, number>;
}

export const newAccumulator = (): Accumulator => ({ n: {}, ent: new Map(), cra: new Map(), done: new Map(), disp: new Map(), acc: new Map(), fv: new Map(), res: new Map(), cmp: new Map() });

export function accumulate(acc: Accumulator, bucket: Partial<BucketData>): void {
  // for…in rather than Object.entries: a year's buckets hold tens of thousands of keys, read on every report.
  const n = bucket.n;
  if (n) for (const key in n) acc.n[key] = (acc.n[key] ?? 0) + (n[key] as number);
  for (const map of COUNT_MAPS) {
    const from = bucket[map];
    if (!from) continue;
    const target = acc[map];
    for (const key in from) {
      const value = from[key] as number;
      if (value !== 0) target.set(key, (target.get(key) ?? 0) + value);
    }
  }
}

/**
 * Median (mean of the two middle values for an even count) and p90 by nearest rank, of a histogram
 * of latencies in tenths of a minute (key → how many). Each latency is a whole number of tenths, so
 * these equal the figures of the individual values.
 */
export function latency(histogram: ReadonlyMap<string, number>): Latency {
  const bins = [...histogram].filter(([, n]) => n > 0).map(([key, n]) => [Number(key), n] as const).sort((a, b) => a[0] - b[0]);
  const count = bins.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { count: 0, medianMinutes: null, p90Minutes: null };
  /** The value at 0-based rank `rank` of the sorted values, in minutes. */
  const at = (rank: number) => {
    let seen = 0;
    for (const [tenths, n] of bins) {
      seen += n;
      if (rank < seen) return tenths / 10;
    }
    return (bins[bins.length - 1] as readonly [number, number])[0] / 10;
  };
  const mid = Math.floor(count / 2);
  const median = count % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { count, medianMinutes: round(median, 1), p90Minutes: at(Math.ceil(0.9 * count) - 1) };
}

/** Gini of non-negative values: Σᵢ(2i − n − 1)·xᵢ / (n·Σx) over ascending x, i from 1; null for no one, 0 when nobody has any. */
export function gini(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const n = sorted.length;
  let weighted = 0;
  sorted.forEach((x, i) => {
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return round(weighted / (n * total), 4);
}

/** Share of the total held by the top ⌈10%⌉ (at least one) of the values; null when the total is 0. */
export function topTenthShare(values: number[]): number | null {
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || total === 0) return null;
  const top = Math.max(1, Math.ceil(values.length * 0.1));
  const sum = [...values].sort((a, b) => b - a).slice(0, top).reduce((a, b) => a + b, 0);
  return round(sum / total, 4);
}

const onTime = (counted: number, met: number): OnTime => ({ counted, onTime: met, share: counted > 0 ? round(met / counted, 4) : null });

export const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

const countsFor = <K extends string>(keys: readonly K[], n: Counters, prefix: string) => Object.fromEntries(keys.map((k) => [k, n[`${prefix}${k}`] ?? 0])) as Record<K, number>;

/** Turns a group's sums into figures. `activeCraftsmen`: ids of the group's craftsmen in active status now; `activePairings`: its pairings running now. */
export function finalize(acc: Accumulator, activeCraftsmen: readonly string[], activePairings = 0): Figures {
  const n = acc.n;
  const ratingCount = n.ratingCount ?? 0;
  const population = new Set(activeCraftsmen);
  for (const [id, v] of acc.cra) if (v > 0) population.add(id);
  for (const [id, v] of acc.done) if (v > 0) population.add(id);
  const ids = [...population];
  const withService = [...acc.cra.values()].filter((v) => v > 0).length;
  return {
    orders: { total: n.orders ?? 0, byStatus: countsFor(orderStatuses, n, 'status_'), byCategory: countsFor(orderCategories, n, 'cat_'), bySource: countsFor(orderSources, n, 'src_') },
    namedRequests: { requested: n.named ?? 0, honoured: n.namedHonoured ?? 0, rate: n.named ? round((n.namedHonoured ?? 0) / n.named, 4) : null },
    problemsSolved: n.solved ?? 0,
    service: { visits: n.visits ?? 0, byKind: countsFor(serviceKinds, n, 'kind_'), hours: (n.hours100 ?? 0) / 100, trainingAttendees: n.trainingAttendees ?? 0 },
    enterprisesServed: [...acc.ent.values()].filter((v) => v > 0).length,
    craftsmen: { active: activeCraftsmen.length, withService },
    response: { toFirstOffer: latency(acc.disp), offerToAcceptance: latency(acc.acc) },
    sla: { offersExpired: n.offersExpired ?? 0, escalations: n.escalated ?? 0 },
    serviceLimits: {
      toFirstContact: latency(acc.fv),
      toResolution: latency(acc.res),
      firstContact: onTime(n.contactTimed ?? 0, n.contactOnTime ?? 0),
      resolution: onTime(n.resolutionTimed ?? 0, n.resolutionOnTime ?? 0),
    },
    satisfaction: { average: ratingCount > 0 ? round((n.ratingSum ?? 0) / ratingCount, 2) : null, count: ratingCount },
    cooperation: { average: n.coopCount ? round((n.coopSum ?? 0) / n.coopCount, 2) : null, count: n.coopCount ?? 0 },
    followUp: {
      due: n.fuDue ?? 0,
      answered: n.fuAnswered ?? 0,
      rate: n.fuDue ? round((n.fuAnswered ?? 0) / n.fuDue, 4) : null,
      stillSolved: n.fuStillSolved ?? 0,
      craftsmanSatisfaction: n.fuAnswered ? round((n.fuCraftsmanSum ?? 0) / n.fuAnswered, 2) : null,
      unionSatisfaction: n.fuAnswered ? round((n.fuUnionSum ?? 0) / n.fuAnswered, 2) : null,
    },
    complaints: {
      filed: n.cmpFiled ?? 0,
      byTarget: countsFor(complaintTargets, n, 'cmpAbout_'),
      open: (n.cmpFiled ?? 0) - (n.cmpUpheld ?? 0) - (n.cmpDismissed ?? 0),
      upheld: n.cmpUpheld ?? 0,
      dismissed: n.cmpDismissed ?? 0,
      toDecision: latency(acc.cmp),
      onTime: onTime((n.cmpUpheld ?? 0) + (n.cmpDismissed ?? 0), n.cmpOnTime ?? 0),
    },
    reopenedOrders: n.reopened ?? 0,
    mentoring: {
      pairingsStarted: n.pairStarted ?? 0,
      pairingsGraduated: n.pairGraduated ?? 0,
      apprenticesGraduated: n.apprGraduated ?? 0,
      apprenticesPromoted: n.apprPromoted ?? 0,
      certificates: n.apprCertified ?? 0,
      sessions: n.mentSessions ?? 0,
      hours: (n.mentHours100 ?? 0) / 100,
      active: activePairings,
    },
    equity: {
      craftsmen: ids.length,
      busiestTenthShare: topTenthShare(ids.map((id) => acc.cra.get(id) ?? 0)),
      gini: gini(ids.map((id) => acc.done.get(id) ?? 0)),
    },
  };
}

/** A figure by dotted path (`service.visits`), for targets, time series and consistency checks. */
export function figureAt(figures: Figures, path: string): number | null {
  let current: unknown = figures;
  for (const part of path.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  return typeof current === 'number' ? current : null;
}
