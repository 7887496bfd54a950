import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

interface Progress {
  metric: string;
  value: number | null;
  target: number;
  remaining: number | null;
  daysLeft: number;
  neededPerDay: number | null;
  expectedByNow: number | null;
  onTrack: boolean | null;
}

describe('plan-period targets: a 2021–2025 (十四五) target paced against the period’s end', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    // Midway through the plan period: 2023-07-02 in Beijing.
    t.clock.set('2023-07-01T20:00:00.000Z');
  });
  afterAll(() => t.engine.close());

  const progressOf = (body: { total: { targets: Progress[] | null } }, metric: string) => body.total.targets?.find((p) => p.metric === metric) as Progress;

  it('when the prefecture sets targets to the end of 2025 and pairings start, then the report paces them against 2025-12-31, and the clock moving on changes the pace', async () => {
    const staff = await staffToken(t, '522700');
    const put = await t.http().put('/api/orgs/org_522700/targets').set(bearer(staff)).send({ period: '2021-2025', metrics: { serviceVisits: 500, problemsSolved: 500, pairingsStarted: 20 } });
    expect(put.status).toBe(200);
    expect(put.body.period).toBe('2021-2025');

    const ent = await enterpriseWithToken(t, { regionCode: '522702' });
    const cra = await craftsmanWithToken(t, { regionCode: '522702' });
    for (const startDate of ['2022-03-01', '2023-06-30']) {
      const made = await t.http().post('/api/pairings').set(bearer(staff)).send({ mentorId: cra.craftsman._id, enterpriseId: ent.enterprise._id, apprentices: [{ name: '罗小军', trade: '电工', startGrade: 4 }], goals: '取得高级工证书', startDate, plannedEndDate: '2025-06-30' });
      expect(made.status).toBe(201);
    }
    await settle(t);

    const report = await t.http().get('/api/orgs/org_522700/stats?period=2021-2025').set(bearer(staff));
    expect(report.status).toBe(200);
    expect(report.body.range).toEqual({ from: '2021-01-01', to: '2025-12-31' });
    expect(report.body.total.mentoring).toMatchObject({ pairingsStarted: 2, active: 2 });
    // 2021-01-01 … 2025-12-31 is 1826 days; 2023-07-02 is day 913 of them, leaving 913.
    const pairs = progressOf(report.body, 'pairingsStarted');
    expect(pairs).toMatchObject({ value: 2, target: 20, remaining: 18, daysLeft: 913, neededPerDay: 0.02, expectedByNow: 10, onTrack: false });
    const visits = progressOf(report.body, 'serviceVisits');
    expect(visits).toMatchObject({ value: 0, target: 500, remaining: 500, daysLeft: 913, expectedByNow: 250, onTrack: false });
    // The county's row carries its figures; the pairing counts under 福泉 (522702).
    const fuquan = report.body.children.find((c: { org: { regionCode: string } }) => c.org.regionCode === '522702');
    expect(fuquan.mentoring.pairingsStarted).toBe(2);

    t.clock.set('2025-12-31T04:00:00.000Z');
    const fresh = await staffToken(t, '522700');
    const end = await t.http().get('/api/orgs/org_522700/stats?period=2021-2025').set(bearer(fresh));
    expect(progressOf(end.body, 'pairingsStarted')).toMatchObject({ value: 2, daysLeft: 0, neededPerDay: null, expectedByNow: 20, onTrack: false });
  });

  it('when a plan period or custom range is malformed, then it is refused with a zh-CN reason; a custom range is accepted', async () => {
    t.clock.set('2024-05-01T04:00:00.000Z');
    const staff = await staffToken(t, '522700');
    for (const period of ['2025-2021', '2021-2035', '2024-02-30..2024-03-01', '2024-03-01..2024-01-01']) {
      const bad = await t.http().put('/api/orgs/org_522700/targets').set(bearer(staff)).send({ period, metrics: { serviceVisits: 10 } });
      expect(bad.status, period).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    const custom = await t.http().put('/api/orgs/org_522700/targets').set(bearer(staff)).send({ period: '2024-03-01..2025-02-28', metrics: { apprenticesGraduated: 5 } });
    expect(custom.status).toBe(200);
    const read = await t.http().get('/api/orgs/org_522700/targets?period=2024-03-01..2025-02-28').set(bearer(staff));
    expect(read.body.metrics).toEqual({ apprenticesGraduated: 5 });
    const report = await t.http().get('/api/orgs/org_522700/stats?period=2024-03-01..2025-02-28').set(bearer(staff));
    expect(report.body.range).toEqual({ from: '2024-03-01', to: '2025-02-28' });
    expect(progressOf(report.body, 'apprenticesGraduated')).toMatchObject({ value: 0, target: 5 });
  });
  it('when counties have five-year targets, then the prefecture’s assessment table ranks them by completion and exports as XLSX', async () => {
    t.clock.set('2024-06-01T04:00:00.000Z');
    const staff = await staffToken(t, '522700');
    await t.http().put('/api/orgs/org_522702/targets').set(bearer(staff)).send({ period: '2021-2025', metrics: { pairingsStarted: 4 } }).expect(200);
    await t.http().put('/api/orgs/org_522701/targets').set(bearer(staff)).send({ period: '2021-2025', metrics: { pairingsStarted: 10 } }).expect(200);
    const table = await t.http().get('/api/orgs/org_522700/assessment?period=2021-2025').set(bearer(staff));
    expect(table.status).toBe(200);
    expect(table.body.rows).toHaveLength(12);
    // 福泉 (522702) started 2 of 4 pairings: 50 %; 都匀 (522701) none of 10; the others set no targets and rank last together.
    expect(table.body.rows.slice(0, 2).map((r: { org: { regionCode: string }; completion: number; rank: number }) => [r.org.regionCode, r.completion, r.rank])).toEqual([
      ['522702', 50, 1],
      ['522701', 0, 2],
    ]);
    expect(new Set(table.body.rows.slice(2).map((r: { rank: number }) => r.rank))).toEqual(new Set([3]));
    const file = await t.http().get('/api/orgs/org_522700/assessment/export?period=2021-2025').set(bearer(staff)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as never);
    const cells = (book.getWorksheet('考核')?.getSheetValues() ?? []).flat().map(String);
    expect(cells).toContain('福泉市总工会');
    expect(cells).toContain('2 / 4');
  });
});
