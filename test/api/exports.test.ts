import type { Response as SuperagentResponse } from 'superagent';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/users/user.js';
import { displayWidth } from '../../src/services/workbook.js';
import { ADMIN, bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise } from '../helpers/fixtures.js';
import { completeOrder, withReporting, type Reporting } from '../unit/stats/harness.js';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

/** What a cell shows as text ('' when empty). */
const text = (sheet: ExcelJS.Worksheet, row: number, col: number) => {
  const v = sheet.getRow(row).getCell(col).value;
  return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
};

const binary = (res: SuperagentResponse, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('exports: statistics and orders as CSV and XLSX', () => {
  let t: TestEngine;
  let r: Reporting;
  let prefecture: string;
  const tricky = '都匀市"精工",机械有限公司';

  beforeAll(async () => {
    t = await startTestEngine();
    r = await withReporting(t);
    prefecture = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' });
    const staff = await r.actorOf(prefecture);
    for (const [code, name] of [['522701', tricky], ['522702', '福泉市磷化有限公司']] as const) {
      const e = await t.engine.services.enterprises.create(ADMIN, buildEnterprise({ regionCode: code, name }));
      const c = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman({ regionCode: code }));
      const who = { staff, enterprise: await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: e._id })), craftsman: (await r.actorOf(await tokenFor(t, { role: 'craftsman', subjectId: c._id }))) as Actor };
      await completeOrder(t, who, { records: [{ kind: 'visit', hours: 2.5 }, { kind: 'training', hours: 1, attendees: 12 }], rating: 4 });
    }
    await r.settle();
  });
  afterAll(() => t.engine.close());

  it('when the statistics are exported as CSV, then it has a BOM, one row per org, zh-CN headers, and a totals row equal to the stats endpoint', async () => {
    const res = await r.http().get('/api/orgs/org_522700/stats/export?format=csv&from=2026-01-01&to=2026-12-31').set(bearer(prefecture)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    const header = rows[0] as string[];
    expect(header.slice(0, 4)).toEqual(['组织', '需求数', '解决问题数', '服务企业人次']);
    expect(rows).toHaveLength(1 + 13 + 1);
    expect(rows[1]?.[0]).toBe('黔南州总工会（本级）');
    const totals = rows[rows.length - 1] as string[];
    expect(totals[0]).toBe('合计');
    const stats = (await r.http().get('/api/orgs/org_522700/stats?from=2026-01-01&to=2026-12-31').set(bearer(prefecture))).body;
    const col = (name: string) => header.indexOf(name);
    expect(Number(totals[col('服务企业人次')])).toBe(stats.total.service.visits);
    expect(Number(totals[col('解决问题数')])).toBe(stats.total.problemsSolved);
    expect(Number(totals[col('服务时长（小时）')])).toBe(stats.total.service.hours);
    expect(Number(totals[col('培训人数')])).toBe(stats.total.service.trainingAttendees);
    expect(Number(totals[col('平均满意度')])).toBe(stats.total.satisfaction.average);
    for (const name of ['服务企业人次', '解决问题数', '培训人数']) {
      const sum = rows.slice(1, -1).reduce((a, row) => a + Number(row[col(name)] || 0), 0);
      expect(sum, name).toBe(Number(totals[col(name)]));
    }
  });

  it('when the statistics are exported as XLSX, then each breakdown is a titled, fitted, printable sheet whose totals equal the stats endpoint', async () => {
    const range = 'from=2026-01-01&to=2026-12-31';
    const csv = parseCsv(((await r.http().get(`/api/orgs/org_522700/stats/export?format=csv&${range}`).set(bearer(prefecture)).buffer(true).parse(binary)).body as Buffer).toString('utf8').slice(1));
    const res = await r.http().get(`/api/orgs/org_522700/stats/export?format=xlsx&${range}`).set(bearer(prefecture)).buffer(true).parse(binary);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const stats = (await r.http().get(`/api/orgs/org_522700/stats?${range}`).set(bearer(prefecture))).body;
    const staff = await r.actorOf(prefecture);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['按组织', '按服务类别', '按需求类别', '按月']);

    for (const sheet of workbook.worksheets) {
      // Title block: org, period, generated at (Beijing time), by whom.
      expect(text(sheet, 1, 1)).toMatch(/^黔南州总工会 统计报表/);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(text(sheet, 2, 1)).toBe('组织：黔南州总工会');
      expect(text(sheet, 3, 1)).toBe('统计期间：2026-01-01 至 2026-12-31');
      expect(text(sheet, 4, 1)).toBe(`生成时间：${new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`);
      expect(text(sheet, 5, 1)).toBe(`导出人：${staff.displayName}`);
      // Frozen through the header row; landscape A4, one page wide, header row on every page.
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
      // The totals row is the last and bold.
      const last = sheet.getRow(sheet.rowCount);
      expect(last.getCell(1).value).toBe('合计');
      expect(last.getCell(2).font?.bold).toBe(true);
      // Every column is at least as wide as what it shows (CJK counted as 2), and none absurdly wide.
      for (let c = 1; c <= sheet.getRow(6).cellCount; c += 1) {
        let widest = 0;
        for (let row = 6; row <= sheet.rowCount; row += 1) widest = Math.max(widest, displayWidth(text(sheet, row, c)));
        expect(sheet.getColumn(c).width, `${sheet.name} column ${c}`).toBeGreaterThanOrEqual(widest);
        expect(sheet.getColumn(c).width).toBeLessThanOrEqual(60);
      }
    }

    // By org: the same cells as the CSV, below the title block, with number formats.
    const byOrg = workbook.getWorksheet('按组织') as ExcelJS.Worksheet;
    expect(byOrg.rowCount).toBe(5 + csv.length);
    csv.forEach((row, i) => expect(row.map((_, j) => text(byOrg, 6 + i, j + 1))).toEqual(row));
    const header = csv[0] as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const totals = byOrg.getRow(byOrg.rowCount);
    expect(totals.getCell(col('服务企业人次')).value).toBe(stats.total.service.visits);
    expect(totals.getCell(col('解决问题数')).value).toBe(stats.total.problemsSolved);
    expect(totals.getCell(col('服务时长（小时）')).value).toBe(stats.total.service.hours);
    expect(totals.getCell(col('服务时长（小时）')).numFmt).toBe('#,##0.0');
    expect(totals.getCell(col('服务企业人次')).numFmt).toBe('#,##0');
    expect(totals.getCell(col('平均满意度')).numFmt).toBe('0.00');
    expect(byOrg.getColumn(1).width).toBeGreaterThanOrEqual(displayWidth('黔南州总工会（本级）'));

    // By kind of service: one row per kind, totals equal to the person-visits.
    const byKind = workbook.getWorksheet('按服务类别') as ExcelJS.Worksheet;
    const kindRows = [7, 8, 9, 10].map((row) => byKind.getRow(row));
    expect(kindRows.map((row) => text(byKind, row.number, 1))).toEqual(['上门服务', '远程指导', '技能培训', '师带徒']);
    expect(kindRows.map((row) => row.getCell(2).value)).toEqual([stats.total.service.byKind.visit, stats.total.service.byKind.remote, stats.total.service.byKind.training, stats.total.service.byKind.mentoring]);
    expect(byKind.getRow(11).getCell(2).value).toBe(stats.total.service.visits);
    expect(byKind.getRow(7).getCell(3).numFmt).toBe('0.0%');

    // By month: twelve months whose additive figures add up to the totals row, which equals the endpoint.
    const byMonth = workbook.getWorksheet('按月') as ExcelJS.Worksheet;
    const monthHeader = (byMonth.getRow(6).values as unknown[]).slice(1).map(String);
    const mcol = (name: string) => monthHeader.indexOf(name) + 1;
    expect(byMonth.rowCount).toBe(6 + 12 + 1);
    expect(text(byMonth, 7, 1)).toBe('2026-01');
    expect(text(byMonth, 18, 1)).toBe('2026-12');
    const monthTotals = byMonth.getRow(19);
    expect(monthTotals.getCell(mcol('服务企业人次')).value).toBe(stats.total.service.visits);
    expect(monthTotals.getCell(mcol('需求数')).value).toBe(stats.total.orders.total);
    expect(monthTotals.getCell(mcol('解决问题数')).value).toBe(stats.total.problemsSolved);
    for (const name of ['需求数', '解决问题数', '服务企业人次', '培训人数']) {
      let sum = 0;
      for (let row = 7; row <= 18; row += 1) sum += Number(byMonth.getRow(row).getCell(mcol(name)).value ?? 0);
      expect(sum, name).toBe(monthTotals.getCell(mcol(name)).value);
    }
    expect(stats.total.service.visits).toBeGreaterThan(0);
  });

  it('when orders are exported with filters, then names with commas and quotes survive, and other counties are not in it', async () => {
    const dyStaff = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    const res = await r.http().get('/api/orders/export?format=csv&status=closed').set(bearer(dyStaff)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const rows = parseCsv((res.body as Buffer).toString('utf8').slice(1));
    expect(rows[0]?.[0]).toBe('需求单编号');
    expect(rows[1]?.[0]).toMatch(/^黔南-2026-\d{4}$/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(tricky);
    expect(rows[1]).toContain('已完成');
    const none = await r.http().get('/api/orders/export?format=csv&status=open').set(bearer(dyStaff)).buffer(true).parse(binary);
    expect(parseCsv((none.body as Buffer).toString('utf8').slice(1))).toHaveLength(1);
    const all = await r.http().get('/api/orders/export?format=xlsx').set(bearer(prefecture)).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(all.body as never);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(text(sheet, 1, 1)).toBe('黔南州总工会 需求单明细');
    expect(text(sheet, 3, 1)).toBe('统计期间：截至 2026-06-01');
    // Title block, header, two orders, totals.
    expect(sheet.rowCount).toBe(5 + 1 + 2 + 1);
    const headers = (sheet.getRow(6).values as unknown[]).slice(1).map(String);
    expect(headers[0]).toBe('需求单编号');
    expect(headers.at(-1)).toBe('系统 ID');
    expect(text(sheet, 7, 1)).toMatch(/^黔南-2026-\d{4}$/);
    expect(text(sheet, 7, headers.length)).toMatch(/^ord_/);
    expect(sheet.getRow(7).getCell(headers.indexOf('提交时间') + 1).value).toBeInstanceOf(Date);
    expect(sheet.getRow(7).getCell(headers.indexOf('提交时间') + 1).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(text(sheet, 9, 1)).toBe('合计');
    expect(text(sheet, 9, 2)).toBe('共 2 条');
    expect(sheet.getRow(9).font?.bold).toBe(true);
    // Titles and enterprise names fit: the tricky name is 21 characters, most of them CJK.
    expect(sheet.getColumn(headers.indexOf('企业') + 1).width).toBeGreaterThanOrEqual(displayWidth(tricky));
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '6:6' });
  });
});
