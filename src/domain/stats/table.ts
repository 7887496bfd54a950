import type { Figures } from './figures.js';

/** A cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null;

export interface Table {
  headers: string[];
  rows: Cell[][];
}

/** The columns of the statistics export, with zh-CN headers as the union's forms name them. */
export const STATS_COLUMNS: { header: string; value: (f: Figures) => Cell }[] = [
  { header: '需求数', value: (f) => f.orders.total },
  { header: '解决问题数', value: (f) => f.problemsSolved },
  { header: '服务企业人次', value: (f) => f.service.visits },
  { header: '上门服务', value: (f) => f.service.byKind.visit },
  { header: '远程指导', value: (f) => f.service.byKind.remote },
  { header: '技能培训', value: (f) => f.service.byKind.training },
  { header: '师带徒', value: (f) => f.service.byKind.mentoring },
  { header: '服务时长（小时）', value: (f) => f.service.hours },
  { header: '培训人数', value: (f) => f.service.trainingAttendees },
  { header: '服务企业数', value: (f) => f.enterprisesServed },
  { header: '参与服务工匠数', value: (f) => f.craftsmen.withService },
  { header: '在库工匠数', value: (f) => f.craftsmen.active },
  { header: '派单响应中位数（分钟）', value: (f) => f.response.toFirstOffer.medianMinutes },
  { header: '派单响应P90（分钟）', value: (f) => f.response.toFirstOffer.p90Minutes },
  { header: '接单用时中位数（分钟）', value: (f) => f.response.offerToAcceptance.medianMinutes },
  { header: '超时未接派单数', value: (f) => f.sla.offersExpired },
  { header: '升级处理数', value: (f) => f.sla.escalations },
  { header: '平均满意度', value: (f) => f.satisfaction.average },
  { header: '评价数', value: (f) => f.satisfaction.count },
  { header: '重新打开数', value: (f) => f.reopenedOrders },
];

/** One row per org (its own figures, so the rows add up) and a totals row (合计) with the subtree's figures. */
export function statsTable(rows: { label: string; figures: Figures }[], total: Figures): Table {
  return {
    headers: ['组织', ...STATS_COLUMNS.map((c) => c.header)],
    rows: [...rows.map((r) => [r.label, ...STATS_COLUMNS.map((c) => c.value(r.figures))]), ['合计', ...STATS_COLUMNS.map((c) => c.value(total))]],
  };
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const defuse = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = defuse(cell);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, which Excel on Chinese Windows needs to read UTF-8. */
export function toCsv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
