import ExcelJS from 'exceljs';
import { invalid } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { orderCategoryLabels, orderStatusLabels, urgencyLabels, type Order } from '../domain/orders/order.js';
import { statsTable, toCsv, type Cell, type Table } from '../domain/stats/table.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { OrderListQuery, OrderService } from './order-service.js';
import type { StatsQuery, StatsService } from './stats-service.js';

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

async function toXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '匠心';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 28 : Math.max(10, (table.headers[i]?.length ?? 4) * 2 + 2);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function render(table: Table, format: ExportFormat, baseName: string, sheetName: string): Promise<ExportFile> {
  const body = format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : await toXlsx(table, sheetName);
  return { filename: `${baseName}.${format}`, contentType: CONTENT_TYPES[format], body };
}

const ORDER_COLUMNS: { header: string; value: (o: Order) => Cell }[] = [
  { header: '需求单编号', value: (o) => o.number ?? null },
  { header: '标题', value: (o) => o.title },
  { header: '企业', value: (o) => o.enterpriseName },
  { header: '类别', value: (o) => orderCategoryLabels[o.category] ?? o.category },
  { header: '紧急程度', value: (o) => urgencyLabels[o.urgency] ?? o.urgency },
  { header: '状态', value: (o) => orderStatusLabels[o.status] ?? o.status },
  { header: '地区代码', value: (o) => o.regionCode },
  { header: '提交时间', value: (o) => o.submittedAt },
  { header: '首次派单时间', value: (o) => o.firstOfferedAt },
  { header: '接单时间', value: (o) => o.acceptedAt },
  { header: '解决时间', value: (o) => o.resolvedAt },
  { header: '确认时间', value: (o) => o.closedAt },
  { header: '评分', value: (o) => o.rating },
  { header: '重新打开次数', value: (o) => o.reopenCount },
  { header: '系统 ID', value: (o) => o._id },
];

/** 导出: statistics tables and order lists as CSV (UTF-8 with BOM) or XLSX. */
export function exportService(deps: ServiceDeps, stats: StatsService, orders: Pick<OrderService, 'listFilter'>) {
  const orderCollection = deps.store.collection<Order>('orders');

  return {
    /** One row per federation org in the subtree (its own figures) and a 合计 row equal to the stats endpoint's total. */
    async stats(actor: Actor, orgId: string, query: StatsQuery & { format: ExportFormat }): Promise<ExportFile> {
      const data = await stats.table(actor, orgId, query);
      const rows = data.rows.map((r) => ({ label: r.ownOnly ? `${r.org.name}（本级）` : r.org.name, figures: r.figures }));
      const table = statsTable(rows, data.total);
      return render(table, query.format, `stats-${data.org.regionCode}-${data.range.from}-${data.range.to}`, '统计');
    },

    /** The orders list with the list's filters, in the actor's scope, newest first. */
    async orders(actor: Actor, query: Omit<OrderListQuery, 'page' | 'limit'> & { format: ExportFormat }): Promise<ExportFile> {
      authorize(actor, 'order.export');
      const { format: _format, ...filters } = query;
      const filter = await orders.listFilter(actor, filters);
      const count = await orderCollection.count(filter);
      if (count > ORDER_EXPORT_MAX) throw invalid('EXPORT_TOO_LARGE', `导出的需求超过 ${ORDER_EXPORT_MAX} 条，请缩小筛选范围`, { count, max: ORDER_EXPORT_MAX });
      const found = await orderCollection.find(filter, { sort: { createdAt: -1, _id: -1 }, projection: { timeline: 0, description: 0 } });
      const table: Table = { headers: ORDER_COLUMNS.map((c) => c.header), rows: found.map((o) => ORDER_COLUMNS.map((c) => c.value(o))) };
      return render(table, query.format, `orders-${deps.clock.now().toISOString().slice(0, 10)}`, '需求单');
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
