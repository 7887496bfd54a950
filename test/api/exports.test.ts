import type { Response as SuperagentResponse } from 'superagent';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/users/user.js';
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

  it('when the statistics are exported as XLSX, then exceljs opens it and its cells equal the CSV', async () => {
    const csv = parseCsv(((await r.http().get('/api/orgs/org_522700/stats/export?format=csv&from=2026-01-01&to=2026-12-31').set(bearer(prefecture)).buffer(true).parse(binary)).body as Buffer).toString('utf8').slice(1));
    const res = await r.http().get('/api/orgs/org_522700/stats/export?format=xlsx&from=2026-01-01&to=2026-12-31').set(bearer(prefecture)).buffer(true).parse(binary);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(csv.length);
    csv.forEach((row, i) => {
      const cells = row.map((_, j) => {
        const v = sheet.getRow(i + 1).getCell(j + 1).value;
        return v === null || v === undefined ? '' : String(v);
      });
      expect(cells).toEqual(row);
    });
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
    expect((workbook.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(3);
  });
});
