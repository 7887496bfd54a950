import ExcelJS from 'exceljs';
import type { Cell } from '../domain/stats/table.js';

/** Who and what a workbook is about: printed above every sheet's table. */
export interface TitleBlock {
  /** The org (or scope) the figures are for: 黔南州总工会. */
  org: string;
  /** The period in words: 2026-01-01 至 2026-12-31（2026 年）. */
  period: string;
  /** ISO instant; shown in Beijing time. */
  generatedAt: string;
  /** The display name of whoever exported it. */
  generatedBy: string;
}

export interface SheetSpec {
  /** The tab's name (≤ 31 characters). */
  name: string;
  /** The sheet's heading: 统计报表（按组织）. */
  heading: string;
  headers: string[];
  rows: Cell[][];
  /** A bold last row (合计); its numbers should equal the statistics API's total. */
  totals?: Cell[];
  /** Excel number formats by column index (`#,##0`, `0.0`); text columns need none. */
  formats?: ReadonlyArray<string | undefined>;
  /** Columns holding ISO instants: written as date cells in Beijing time. */
  dateColumns?: readonly number[];
}

/** Rows of the title block; the header row comes right after them. */
export const TITLE_ROWS = 5;
export const HEADER_ROW = TITLE_ROWS + 1;

const BEIJING_MS = 8 * 3_600_000;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/** `2026-06-01 16:00` in Beijing time. */
export function beijingMinute(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * How wide text looks in a spreadsheet column, in character widths: CJK and full-width characters
 * take two, everything else one (a column fitted by `length` cuts Chinese names in half).
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/** The text a cell shows, for fitting its column: numbers with thousands separators, dates as minutes. */
function shownText(cell: Cell, format: string | undefined, isDate: boolean): string {
  if (cell === null) return '';
  if (isDate && typeof cell === 'string') return DATE_FORMAT;
  if (typeof cell === 'number') {
    const decimals = format?.split('.')[1]?.replace(/[^0#]/g, '').length ?? 0;
    return cell.toLocaleString('en-US', { maximumFractionDigits: Math.max(decimals, 0), minimumFractionDigits: 0 });
  }
  return cell;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Column widths fitted to the header and every cell (2 per CJK character), with a little air. */
export function fittedWidths(spec: Pick<SheetSpec, 'headers' | 'rows' | 'totals' | 'formats' | 'dateColumns'>): number[] {
  const dates = new Set(spec.dateColumns ?? []);
  const rows = spec.totals ? [...spec.rows, spec.totals] : spec.rows;
  return spec.headers.map((header, i) => {
    let widest = displayWidth(header);
    for (const row of rows) widest = Math.max(widest, displayWidth(shownText(row[i] ?? null, spec.formats?.[i], dates.has(i))));
    // Half a character more than whole: exceljs leaves a width of exactly 9 (its default) out of the file.
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2.5));
  });
}

function cellValue(cell: Cell, isDate: boolean): ExcelJS.CellValue {
  if (cell === null) return null;
  // Excel has no time zones: the Beijing wall-clock time is written as if it were UTC.
  if (isDate && typeof cell === 'string' && !Number.isNaN(Date.parse(cell))) return new Date(Date.parse(cell) + BEIJING_MS);
  return cell;
}

function addSheet(workbook: ExcelJS.Workbook, title: TitleBlock, spec: SheetSpec) {
  const sheet = workbook.addWorksheet(spec.name);
  const columns = Math.max(spec.headers.length, 1);
  const dates = new Set(spec.dateColumns ?? []);
  const lines = [
    `${title.org} ${spec.heading}`,
    `组织：${title.org}`,
    `统计期间：${title.period}`,
    `生成时间：${beijingMinute(title.generatedAt)}（北京时间）`,
    `导出人：${title.generatedBy}`,
  ];
  lines.forEach((line, i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = line;
    if (i === 0) row.getCell(1).font = { bold: true, size: 14 };
    if (columns > 1) sheet.mergeCells(i + 1, 1, i + 1, columns);
  });

  const header = sheet.getRow(HEADER_ROW);
  spec.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  const body = spec.totals ? [...spec.rows, spec.totals] : spec.rows;
  body.forEach((values, r) => {
    const row = sheet.getRow(HEADER_ROW + 1 + r);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(value, dates.has(i));
      const format = dates.has(i) ? DATE_FORMAT : spec.formats?.[i];
      if (format) cell.numFmt = format;
    });
    if (spec.totals && r === body.length - 1) {
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: 'thin' } }));
    }
  });

  fittedWidths(spec).forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }];
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as it takes
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: `&L${title.org} ${spec.heading}&R第 &P 页，共 &N 页` };
}

/** A workbook people can read and print: every sheet with the title block, header, totals and print setup. */
export async function buildWorkbook(title: TitleBlock, sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '匠心';
  workbook.created = new Date(Date.parse(title.generatedAt));
  for (const spec of sheets) addSheet(workbook, title, spec);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
