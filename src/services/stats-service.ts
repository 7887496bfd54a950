import { invalid } from '../errors.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Pairing } from '../domain/mentoring/pairing.js';
import type { Offer, Order, ServiceRecord } from '../domain/orders/order.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import { bucketsOf, offerContribution, orderContribution, pairingContribution, recordContribution, type RollupBucket } from '../domain/stats/contributions.js';
import { ADDITIVE_PATHS, figureAt, type Figures } from '../domain/stats/figures.js';
import { childGrouper, foldGroups, nearestOrgGrouper, type Located } from '../domain/stats/grouping.js';
import { dayOf, daysIn, inRange, monthOf, monthsIn, periodRange, rangeSpans, yearOf, type DayRange, type Period } from '../domain/stats/period.js';
import { progressOf, type Progress } from '../domain/stats/targets.js';
import { assessmentRows } from '../domain/stats/assessment.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import type { TargetService } from './target-service.js';

export const ROLLUPS = 'rollups';

export interface StatsQuery {
  from?: string;
  to?: string;
  period?: Period;
}

/** Metrics a time series can plot, and where each is in the figures. */
export const seriesMetrics = {
  orders: 'orders.total',
  problemsSolved: 'problemsSolved',
  serviceVisits: 'service.visits',
  serviceHours: 'service.hours',
  trainingAttendees: 'service.trainingAttendees',
  enterprisesServed: 'enterprisesServed',
  satisfaction: 'satisfaction.average',
  offersExpired: 'sla.offersExpired',
  escalations: 'sla.escalations',
  reopenedOrders: 'reopenedOrders',
  medianMinutesToFirstOffer: 'response.toFirstOffer.medianMinutes',
} as const;
export type SeriesMetric = keyof typeof seriesMetrics;

const orgSummary = (org: UnionOrg) => ({ id: org._id, name: org.name, level: org.level, regionCode: org.regionCode });
type ActiveCraftsman = Located & { _id: string };

/**
 * 统计报表: figures for an org's subtree and each direct child, read from the rollups the stats
 * consumer keeps (one document per region and day, month and year), never from every order and
 * record. A range reads its whole years and months from their own buckets and days only at its
 * edges: a year's prefecture report reads 13 documents instead of ~4,700.
 */
export function statsService(deps: ServiceDeps, reference: ReferenceService, targets: TargetService) {
  const rollups = deps.store.collection<RollupBucket>(ROLLUPS);
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const pairings = deps.store.collection<Pairing>('pairings');
  const today = () => dayOf(deps.clock.now().toISOString());

  function resolveRange(query: StatsQuery): DayRange {
    if (query.period) {
      if (query.from || query.to) throw invalid('RANGE_INVALID', '指定统计周期时不能同时指定起止日期', { field: 'period' });
      return periodRange(query.period);
    }
    const to = query.to ?? today();
    const from = query.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw invalid('RANGE_INVALID', '开始日期不能晚于结束日期', { field: 'from' });
    if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw invalid('RANGE_TOO_LONG', '统计区间不能超过 10 年', { field: 'from' });
    return { from, to };
  }

  /**
   * Buckets of the org's subtree covering exactly the range (each day once): rollups for a
   * federation, a direct count for an enterprise union. `coarsest` caps the grain read, for a time
   * series that must split the range by month or day.
   */
  async function bucketsFor(org: UnionOrg, range: DayRange, coarsest: 'day' | 'month' | 'year' = 'year'): Promise<RollupBucket[]> {
    if (org.level !== 'enterprise') {
      return rollups.find({ span: { $in: rangeSpans(range, coarsest) }, regionPath: org.regionCode });
    }
    const enterpriseId = org.enterpriseId ?? '-';
    const [os, fs, rs, ps] = await Promise.all([
      deps.store.collection<Order>('orders').find({ enterpriseId }),
      deps.store.collection<Offer>('offers').find({ enterpriseId }),
      deps.store.collection<ServiceRecord>('serviceRecords').find({ enterpriseId }),
      pairings.find({ enterpriseId }),
    ]);
    const all = bucketsOf([...os.map(orderContribution), ...fs.map(offerContribution), ...rs.map(recordContribution), ...ps.map(pairingContribution)]);
    return [...all.values()].filter((b) => inRange(b.day, range));
  }

  async function activeCraftsmenOf(org: UnionOrg): Promise<ActiveCraftsman[]> {
    if (org.level === 'enterprise') return [];
    return craftsmen.find({ regionPath: org.regionCode, status: 'active' }, { projection: { _id: 1, regionPath: 1 } });
  }

  /** 师带徒 pairings running now in the org's subtree (an enterprise union: its enterprise's). */
  async function activePairingsOf(org: UnionOrg): Promise<Located[]> {
    const where = org.level === 'enterprise' ? { enterpriseId: org.enterpriseId ?? '-' } : { regionPath: org.regionCode };
    return pairings.find({ ...where, status: 'active' }, { projection: { _id: 1, regionPath: 1 } });
  }

  async function childrenOf(org: UnionOrg): Promise<UnionOrg[]> {
    const found = await orgs.find({ parentId: org._id, level: { $ne: 'enterprise' } });
    return found.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a._id.localeCompare(b._id));
  }

  return {
    resolveRange,

    /** The report for an org in reach (404 otherwise): its subtree, what is its own, each direct child, and progress against targets. */
    async report(actor: Actor, orgId: string, query: StatsQuery) {
      const org = await reference.getOrg(actor, orgId);
      const range = resolveRange(query);
      const period = query.period ?? yearOf(range.to);
      const periodDays = periodRange(period);
      const children = await childrenOf(org);
      const targetValues = await targets.forOrgs([org._id, ...children.map((c) => c._id)], period);
      const withTargets = targetValues.size > 0;
      const samePeriod = periodDays.from === range.from && periodDays.to === range.to;
      const [buckets, periodBuckets, active, running] = await Promise.all([
        bucketsFor(org, range),
        withTargets && !samePeriod ? bucketsFor(org, periodDays) : null,
        activeCraftsmenOf(org),
        activePairingsOf(org),
      ]);

      const child = childGrouper(org, children);
      const groupIds = ['total', 'own', ...children.map((c) => c._id)];
      const figures = foldGroups(buckets, active, (item) => ['total', child(item)], groupIds, running);
      let periodFigures = new Map<string, Figures>();
      if (withTargets) periodFigures = periodBuckets ? foldGroups(periodBuckets, active, (item) => ['total', child(item)], groupIds, running) : figures;
      /** Progress of a group against the targets of the org it stands for. */
      const progress = (group: string, ownerId: string): Progress[] | null => {
        const values = targetValues.get(ownerId);
        const f = periodFigures.get(group);
        return values && f ? progressOf(period, values, f, today()) : null;
      };
      const totalTargets = progress('total', org._id);
      for (const p of totalTargets ?? []) {
        const set = children.map((c) => targetValues.get(c._id)?.[p.metric]).filter((v): v is number => v !== undefined);
        if (set.length > 0) p.childTargetSum = set.reduce((a, b) => a + b, 0);
      }
      return {
        org: orgSummary(org),
        range,
        period,
        generatedAt: deps.clock.now().toISOString(),
        additive: ADDITIVE_PATHS,
        total: { ...(figures.get('total') as Figures), targets: totalTargets },
        own: figures.get('own') as Figures,
        children: children.map((c) => ({ org: orgSummary(c), ...(figures.get(c._id) as Figures), targets: progress(c._id, c._id) })),
      };
    },

    /** 县区考核表: each child org's progress against its own targets for the period, ranked by mean completion. */
    async assessment(actor: Actor, orgId: string, period: Period) {
      const report = await this.report(actor, orgId, { period });
      const rows = assessmentRows(report.children.map((c) => ({ org: { id: c.org.id, name: c.org.name, regionCode: c.org.regionCode }, targets: c.targets })));
      return { org: report.org, period, range: report.range, generatedAt: report.generatedAt, rows };
    },

    /** One metric over time for the org's subtree, by month or by day. */
    async timeseries(actor: Actor, orgId: string, query: StatsQuery & { metric: SeriesMetric; interval: 'month' | 'day' }) {
      const org = await reference.getOrg(actor, orgId);
      const range = resolveRange(query);
      if (query.interval === 'day' && daysIn(range).length > 370) throw invalid('RANGE_TOO_LONG', '按日统计的区间不能超过一年', { field: 'from' });
      const keys = query.interval === 'month' ? monthsIn(range) : daysIn(range);
      const keyOf = query.interval === 'month' ? monthOf : (d: string) => d;
      const buckets = await bucketsFor(org, range, query.interval);
      const byKey = new Map<string, RollupBucket[]>();
      for (const b of buckets) {
        const key = keyOf(b.day);
        const list = byKey.get(key);
        if (list) list.push(b);
        else byKey.set(key, [b]);
      }
      const path = seriesMetrics[query.metric];
      const points = keys.map((key) => {
        const f = foldGroups(byKey.get(key) ?? [], [], () => ['total'], ['total']).get('total') as Figures;
        return { period: key, value: figureAt(f, path) };
      });
      return { org: orgSummary(org), metric: query.metric, interval: query.interval, range, points };
    },

    /**
     * The range month by month (a partial month at either edge holds only its days in range), and
     * the whole range as the total: the same figures the report gives for the range.
     */
    async monthly(actor: Actor, orgId: string, query: StatsQuery) {
      const org = await reference.getOrg(actor, orgId);
      const range = resolveRange(query);
      const [buckets, active, running] = await Promise.all([bucketsFor(org, range, 'month'), activeCraftsmenOf(org), activePairingsOf(org)]);
      const months = monthsIn(range);
      const byMonth = new Map<string, RollupBucket[]>(months.map((m) => [m, []]));
      for (const b of buckets) byMonth.get(monthOf(b.day))?.push(b);
      const fold = (list: RollupBucket[], people: ActiveCraftsman[], pairs: Located[] = []) => foldGroups(list, people, () => ['total'], ['total'], pairs).get('total') as Figures;
      return {
        org: orgSummary(org),
        range,
        months: months.map((month) => ({ month, figures: fold(byMonth.get(month) ?? [], []) })),
        total: fold(buckets, active, running),
      };
    },

    /** For exports: every federation org in the subtree with its own figures (so rows add up), and the subtree's total. */
    async table(actor: Actor, orgId: string, query: StatsQuery) {
      const org = await reference.getOrg(actor, orgId);
      const range = resolveRange(query);
      const subtree = org.level === 'enterprise' ? [org] : await orgs.find({ $or: [{ _id: org._id }, { ancestorIds: org._id }], level: { $ne: 'enterprise' } });
      subtree.sort((a, b) => a.ancestorIds.length - b.ancestorIds.length || a.regionCode.localeCompare(b.regionCode));
      const ordered = depthFirst(org, subtree);
      const [buckets, active, running] = await Promise.all([bucketsFor(org, range), activeCraftsmenOf(org), activePairingsOf(org)]);
      const nearest = nearestOrgGrouper(ordered);
      const ids = ordered.map((o) => o._id);
      const own = foldGroups(buckets, active, (item) => ['total', nearest(item) ?? org._id], ['total', ...ids], running);
      const hasChildren = new Set(ordered.map((o) => o.parentId));
      return {
        org: orgSummary(org),
        range,
        rows: ordered.map((o) => ({ org: orgSummary(o), ownOnly: hasChildren.has(o._id), depth: o.ancestorIds.length - org.ancestorIds.length, figures: own.get(o._id) as Figures })),
        total: own.get('total') as Figures,
      };
    },
  };
}

/** Parents before their children, siblings by region code. */
function depthFirst(root: UnionOrg, orgs: UnionOrg[]): UnionOrg[] {
  const byParent = new Map<string, UnionOrg[]>();
  for (const o of orgs) {
    if (o._id === root._id || !o.parentId) continue;
    const list = byParent.get(o.parentId) ?? [];
    list.push(o);
    byParent.set(o.parentId, list);
  }
  const out: UnionOrg[] = [];
  const visit = (o: UnionOrg) => {
    out.push(o);
    for (const c of (byParent.get(o._id) ?? []).sort((a, b) => a.regionCode.localeCompare(b.regionCode))) visit(c);
  };
  visit(root);
  return out;
}

export type StatsService = ReturnType<typeof statsService>;

/** Targets, statistics, exports and reputation, wired to the same ports as the other use cases. */
