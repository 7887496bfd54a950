import type { Figures } from './figures.js';

/** A cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null;

export interface Table {
  headers: string[];
  rows: Cell[][];
}

/** The columns of the statistics export, with zh-CN headers as the union's forms name them. */
/** Excel number formats: whole counts, hours and minutes to one decimal, ratings to two. */
export const COUNT_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '#,##0.0';
export const RATING_FORMAT = '0.00';

export const STATS_COLUMNS: { header: string; value: (f: Figures) => Cell; format: string }[] = [
  { header: '需求数', value: (f) => f.orders.total, format: COUNT_FORMAT },
  { header: '解决问题数', value: (f) => f.problemsSolved, format: COUNT_FORMAT },
  { header: '服务企业人次', value: (f) => f.service.visits, format: COUNT_FORMAT },
  { header: '上门服务', value: (f) => f.service.byKind.visit, format: COUNT_FORMAT },
  { header: '远程指导', value: (f) => f.service.byKind.remote, format: COUNT_FORMAT },
  { header: '技能培训', value: (f) => f.service.byKind.training, format: COUNT_FORMAT },
  { header: '师带徒', value: (f) => f.service.byKind.mentoring, format: COUNT_FORMAT },
  { header: '服务时长（小时）', value: (f) => f.service.hours, format: DECIMAL_FORMAT },
  { header: '培训人数', value: (f) => f.service.trainingAttendees, format: COUNT_FORMAT },
  { header: '服务企业数', value: (f) => f.enterprisesServed, format: COUNT_FORMAT },
  { header: '参与服务工匠数', value: (f) => f.craftsmen.withService, format: COUNT_FORMAT },
  { header: '在库工匠数', value: (f) => f.craftsmen.active, format: COUNT_FORMAT },
  { header: '派单响应中位数（分钟）', value: (f) => f.response.toFirstOffer.medianMinutes, format: DECIMAL_FORMAT },
  { header: '派单响应P90（分钟）', value: (f) => f.response.toFirstOffer.p90Minutes, format: DECIMAL_FORMAT },
  { header: '接单用时中位数（分钟）', value: (f) => f.response.offerToAcceptance.medianMinutes, format: DECIMAL_FORMAT },
  { header: '超时未接派单数', value: (f) => f.sla.offersExpired, format: COUNT_FORMAT },
  { header: '升级处理数', value: (f) => f.sla.escalations, format: COUNT_FORMAT },
  { header: '平均满意度', value: (f) => f.satisfaction.average, format: RATING_FORMAT },
  { header: '评价数', value: (f) => f.satisfaction.count, format: COUNT_FORMAT },
  { header: '重新打开数', value: (f) => f.reopenedOrders, format: COUNT_FORMAT },
  { header: '新增师带徒结对', value: (f) => f.mentoring.pairingsStarted, format: COUNT_FORMAT },
  { header: '出师徒弟数', value: (f) => f.mentoring.apprenticesGraduated, format: COUNT_FORMAT },
  { header: '晋升等级徒弟数', value: (f) => f.mentoring.apprenticesPromoted, format: COUNT_FORMAT },
  { header: '带徒次数（不计人次）', value: (f) => f.mentoring.sessions, format: COUNT_FORMAT },
  { header: '带徒时长（小时）', value: (f) => f.mentoring.hours, format: DECIMAL_FORMAT },
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
