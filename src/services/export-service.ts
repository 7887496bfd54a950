import { invalid } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import { orderCategories, orderCategoryLabels, orderStatusLabels, serviceKindLabels, serviceKinds, urgencyLabels, type Order } from '../domain/orders/order.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Figures } from '../domain/stats/figures.js';
import { dayOf, rangeLabel } from '../domain/stats/period.js';
import { COUNT_FORMAT, STATS_COLUMNS, statsTable, toCsv, type Cell, type Table } from '../domain/stats/table.js';
import type { Actor } from '../domain/users/user.js';
import { assessmentRows, assessmentTable } from '../domain/stats/assessment.js';
import type { Period } from '../domain/stats/period.js';
import type { ServiceDeps } from './deps.js';
import type { OrderListQuery, OrderService } from './order-service.js';
import type { StatsQuery, StatsService } from './stats-service.js';
import { buildWorkbook, type SheetSpec, type TitleBlock } from './workbook.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Most orders one export may hold; narrow the filters beyond that. */
export const ORDER_EXPORT_MAX = 50_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const SHARE_FORMAT = '0.0%';

const ORDER_COLUMNS: { header: string; value: (o: Order) => Cell; format?: string; date?: boolean }[] = [
  { header: '需求单编号', value: (o) => o.number ?? null },
  { header: '标题', value: (o) => o.title },
  { header: '企业', value: (o) => o.enterpriseName },
  { header: '类别', value: (o) => orderCategoryLabels[o.category] ?? o.category },
  { header: '紧急程度', value: (o) => urgencyLabels[o.urgency] ?? o.urgency },
  { header: '状态', value: (o) => orderStatusLabels[o.status] ?? o.status },
  { header: '地区代码', value: (o) => o.regionCode },
  { header: '提交时间', value: (o) => o.submittedAt, date: true },
  { header: '首次派单时间', value: (o) => o.firstOfferedAt, date: true },
  { header: '接单时间', value: (o) => o.acceptedAt, date: true },
  { header: '解决时间', value: (o) => o.resolvedAt, date: true },
  { header: '确认时间', value: (o) => o.closedAt, date: true },
  { header: '评分', value: (o) => o.rating, format: '0' },
  { header: '重新打开次数', value: (o) => o.reopenCount, format: COUNT_FORMAT },
  { header: '系统 ID', value: (o) => o._id },
];

/** The figures of each month, as the monthly sheet shows them. */
const MONTH_COLUMNS = STATS_COLUMNS.filter((c) => ['需求数', '解决问题数', '服务企业人次', '服务时长（小时）', '培训人数', '服务企业数', '平均满意度', '评价数'].includes(c.header));

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The statistics workbook: one sheet per breakdown, every one with the same title block. */
function statsSheets(byOrg: Table, total: Figures, months: { month: string; figures: Figures }[]): SheetSpec[] {
  const kindRows = serviceKinds.map((k) => [serviceKindLabels[k], total.service.byKind[k], share(total.service.byKind[k], total.service.visits)]);
  const categoryRows = orderCategories.map((c) => [orderCategoryLabels[c], total.orders.byCategory[c], share(total.orders.byCategory[c], total.orders.total)]);
  return [
    { name: '按组织', heading: '统计报表（按组织）', headers: byOrg.headers, rows: byOrg.rows.slice(0, -1), totals: byOrg.rows.at(-1), formats: [undefined, ...STATS_COLUMNS.map((c) => c.format)] },
    { name: '按服务类别', heading: '统计报表（按服务类别，人次）', headers: ['服务类别', '服务企业人次', '占比'], rows: kindRows, totals: ['合计', total.service.visits, share(total.service.visits, total.service.visits)], formats: [undefined, COUNT_FORMAT, SHARE_FORMAT] },
    { name: '按需求类别', heading: '统计报表（按需求类别）', headers: ['需求类别', '需求数', '占比'], rows: categoryRows, totals: ['合计', total.orders.total, share(total.orders.total, total.orders.total)], formats: [undefined, COUNT_FORMAT, SHARE_FORMAT] },
    {
      name: '按月',
      heading: '统计报表（按月）',
      headers: ['月份', ...MONTH_COLUMNS.map((c) => c.header)],
      rows: months.map((m) => [m.month, ...MONTH_COLUMNS.map((c) => c.value(m.figures))]),
      totals: ['合计', ...MONTH_COLUMNS.map((c) => c.value(total))],
      formats: [undefined, ...MONTH_COLUMNS.map((c) => c.format)],
    },
  ];
}

/** 导出: statistics tables and order lists as CSV (UTF-8 with BOM, for machines) or XLSX (for people: titled, fitted, printable). */
export function exportService(deps: ServiceDeps, stats: StatsService, orders: Pick<OrderService, 'listFilter'>) {
  const orderCollection = deps.store.collection<Order>('orders');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const now = () => deps.clock.now().toISOString();

  /** Whose orders an orders export holds, in words. */
  async function scopeName(actor: Actor): Promise<string> {
    if (actor.orgId) return (await orgs.findById(actor.orgId))?.name ?? actor.orgId;
    if (actor.enterpriseId) return (await enterprises.findById(actor.enterpriseId))?.name ?? actor.displayName;
    // Staff speak for an org, enterprises for themselves; an actor tied to neither (admin) sees everything.
    return actor.craftsmanId ? actor.displayName : '全部组织';
  }

  return {
    /** CSV: one row per org and 合计 (as before). XLSX: sheets by org, by kind of service, by category and by month. */
    async stats(actor: Actor, orgId: string, query: StatsQuery & { format: ExportFormat }): Promise<ExportFile> {
      const data = await stats.table(actor, orgId, query);
      const rows = data.rows.map((r) => ({ label: r.ownOnly ? `${r.org.name}（本级）` : r.org.name, figures: r.figures }));
      const table = statsTable(rows, data.total);
      const filename = `stats-${data.org.regionCode}-${data.range.from}-${data.range.to}.${query.format}`;
      if (query.format === 'csv') return { filename, contentType: CONTENT_TYPES.csv, body: Buffer.from(toCsv(table), 'utf8') };
      const monthly = await stats.monthly(actor, orgId, query);
      const title: TitleBlock = { org: data.org.name, period: rangeLabel(data.range, query.period), generatedAt: now(), generatedBy: actor.displayName };
      return { filename, contentType: CONTENT_TYPES.xlsx, body: await buildWorkbook(title, statsSheets(table, data.total, monthly.months)) };
    },

    /** 县区考核表 as a workbook: each child org's progress against its targets for the period, ranked. */
    async assessment(actor: Actor, orgId: string, period: Period): Promise<ExportFile> {
      const report = await stats.report(actor, orgId, { period });
      const rows = assessmentRows(report.children.map((c) => ({ org: { id: c.org.id, name: c.org.name, regionCode: c.org.regionCode }, targets: c.targets })));
      const table = assessmentTable(rows);
      const title: TitleBlock = { org: report.org.name, period: rangeLabel(report.range, period), generatedAt: now(), generatedBy: actor.displayName };
      const sheet: SheetSpec = { name: '考核', heading: '目标任务考核表（按平均完成率排名）', headers: table.headers, rows: table.rows };
      return { filename: `assessment-${report.org.regionCode}-${period}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: await buildWorkbook(title, [sheet]) };
    },

    /** The orders list with the list's filters, in the actor's scope, newest first. */
    async orders(actor: Actor, query: Omit<OrderListQuery, 'page' | 'limit'> & { format: ExportFormat }): Promise<ExportFile> {
      authorize(actor, 'order.export');
      const { format, ...filters } = query;
      const filter = await orders.listFilter(actor, filters);
      const count = await orderCollection.count(filter);
      if (count > ORDER_EXPORT_MAX) throw invalid('EXPORT_TOO_LARGE', `导出的需求超过 ${ORDER_EXPORT_MAX} 条，请缩小筛选范围`, { count, max: ORDER_EXPORT_MAX });
      const found = await orderCollection.find(filter, { sort: { createdAt: -1, _id: -1 }, projection: { timeline: 0, description: 0 } });
      const headers = ORDER_COLUMNS.map((c) => c.header);
      const rows = found.map((o) => ORDER_COLUMNS.map((c) => c.value(o)));
      const filename = `orders-${now().slice(0, 10)}.${format}`;
      if (format === 'csv') return { filename, contentType: CONTENT_TYPES.csv, body: Buffer.from(toCsv({ headers, rows }), 'utf8') };
      const statuses = filters.status?.length ? `，状态：${filters.status.map((s) => orderStatusLabels[s]).join('、')}` : '';
      const title: TitleBlock = { org: await scopeName(actor), period: `截至 ${dayOf(now())}${statuses}`, generatedAt: now(), generatedBy: actor.displayName };
      const totals: Cell[] = ORDER_COLUMNS.map((c) => (c.header === '重新打开次数' ? found.reduce((sum, o) => sum + o.reopenCount, 0) : null));
      totals[0] = '合计';
      totals[1] = `共 ${found.length} 条`;
      const sheet: SheetSpec = {
        name: '需求单',
        heading: '需求单明细',
        headers,
        rows,
        totals,
        formats: ORDER_COLUMNS.map((c) => c.format),
        dateColumns: ORDER_COLUMNS.flatMap((c, i) => (c.date ? [i] : [])),
      };
      return { filename, contentType: CONTENT_TYPES.xlsx, body: await buildWorkbook(title, [sheet]) };
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
