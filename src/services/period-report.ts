import { UNFINISHED_ORDER_STATES } from '../domain/orders/order-limits.js';
import type { Order } from '../domain/orders/order.js';
import { competitionRanks } from '../domain/stats/ranking.js';
import { rangeLabel } from '../domain/stats/period.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { and } from './shared.js';
import type { StatsQuery, StatsService } from './stats-service.js';

/** Most outstanding cases a printed report lists (the count says how many there are in all). */
export const REPORT_OUTSTANDING_MAX = 12;

const BEIJING_MS = 8 * 3_600_000;
/** The first instant of a Beijing day, as stored timestamps are written (UTC ISO). */
const startOfBeijingDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_MS).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * 期间报告: what a union officer prints for a meeting or sends upward — the period's headline
 * figures, targets with the pace needed, the child orgs ranked, the monthly trend and the cases
 * still open — assembled from the statistics service so every figure equals the statistics API.
 */
export async function assemblePeriodReport(deps: ServiceDeps, stats: StatsService, orders: Pick<OrderService, 'listFilter'>, actor: Actor, orgId: string, query: StatsQuery) {
  const orderDocs = deps.store.collection<Order>('orders');
  const summary = await stats.report(actor, orgId, query);
  const monthly = await stats.monthly(actor, orgId, query);
  const ranks = competitionRanks(summary.children, [(c) => c.problemsSolved, (c) => c.service.visits, (c) => c.orders.total]);
  const window = { submittedAt: { $gte: startOfBeijingDay(summary.range.from), $lt: startOfBeijingDay(nextDay(summary.range.to)) } };
  const filter = and(await orders.listFilter(actor, { regionCode: summary.org.regionCode, status: [...UNFINISHED_ORDER_STATES] }), window);
  const [outstanding, outstandingCount] = await Promise.all([
    orderDocs.find(filter, { sort: { submittedAt: 1, _id: 1 }, limit: REPORT_OUTSTANDING_MAX, projection: { timeline: 0, description: 0 } }),
    orderDocs.count(filter),
  ]);
  return {
    org: summary.org,
    range: summary.range,
    period: query.period ?? null,
    periodLabel: rangeLabel(summary.range, query.period),
    generatedAt: summary.generatedAt,
    generatedBy: actor.displayName,
    headline: summary.total,
    targets: summary.total.targets,
    children: summary.children.map((c, i) => ({ ...c, rank: ranks[i] as number })),
    months: monthly.months.map((m) => ({ month: m.month, orders: m.figures.orders.total, problemsSolved: m.figures.problemsSolved, visits: m.figures.service.visits })),
    outstanding: {
      count: outstandingCount,
      items: outstanding.map((o) => ({ id: o._id, number: o.number ?? null, title: o.title, enterpriseName: o.enterpriseName, regionCode: o.regionCode, status: o.status, urgency: o.urgency, submittedAt: o.submittedAt })),
    },
  };
}

export type PeriodReport = Awaited<ReturnType<typeof assemblePeriodReport>>;
