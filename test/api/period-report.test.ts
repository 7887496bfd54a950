import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdf } from '../../src/adapters/pdf/chromium-pdf.js';
import { bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { qiannanYear } from '../helpers/period-report-data.js';
import type { Reporting } from '../unit/stats/harness.js';

describe('period report: the figures a union officer prints', () => {
  let t: TestEngine;
  let r: Reporting;
  let prefecture: string;
  let waitingNumber: string;

  beforeAll(async () => {
    // No browser engine here: the PDF endpoint must say so (503) and everything else still works.
    t = await startTestEngine({}, { pdf: new ChromiumPdf('/nonexistent/chromium') });
    ({ r, prefecture, waitingNumber } = await qiannanYear(t));
  });
  afterAll(() => t.engine.close());

  it('when the prefecture asks for its year, then the headline, targets and children equal the statistics API, ranked', async () => {
    const report = (await r.http().get('/api/orgs/org_522700/report?period=2026').set(bearer(prefecture)).expect(200)).body;
    const stats = (await r.http().get('/api/orgs/org_522700/stats?period=2026').set(bearer(prefecture)).expect(200)).body;
    expect(report.periodLabel).toBe('2026-01-01 至 2026-12-31（2026 年）');
    expect(report.headline.service.visits).toBe(stats.total.service.visits);
    expect(report.headline.problemsSolved).toBe(3);
    expect(report.targets.map((p: { metric: string; target: number }) => [p.metric, p.target])).toEqual(
      stats.total.targets.map((p: { metric: string; target: number }) => [p.metric, p.target]),
    );
    const rank = (code: string) => report.children.find((c: { org: { regionCode: string } }) => c.org.regionCode === code).rank;
    expect(rank('522701')).toBe(1); // two solved
    expect(rank('522702')).toBe(2); // one solved
    expect(rank('522725')).toBe(3); // none solved, one order
    expect(rank('522732')).toBe(4); // the nine with nothing share the next rank
    expect(rank('522722')).toBe(4);
    expect(report.months).toHaveLength(12);
    expect(report.months.reduce((a: number, m: { visits: number }) => a + m.visits, 0)).toBe(stats.total.service.visits);
    expect(report.outstanding.count).toBe(1);
    expect(report.outstanding.items[0].number).toBe(waitingNumber);
  });

  it('when a county asks for the prefecture report, then it answers 404; a bad period is a 400 in zh-CN', async () => {
    const county = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    expect((await r.http().get('/api/orgs/org_522700/report?period=2026').set(bearer(county))).status).toBe(404);
    const bad = await r.http().get('/api/orgs/org_522700/report?period=2026Q5').set(bearer(prefecture));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/统计周期/);
  });

  it('when the printable page is asked for, then it is one self-contained HTML page sized for A4', async () => {
    const res = await r.http().get('/api/orgs/org_522700/report/html?period=2026').set(bearer(prefecture)).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('@page { size: A4 portrait');
    expect(res.text).toContain('黔南州总工会劳模工匠助企行动工作报告');
    expect(res.text).not.toMatch(/<script|<link|src="http/);
  });

  it('when no browser engine is installed, then the PDF answers 503 PDF_RENDERER_UNAVAILABLE with a zh-CN message', async () => {
    const res = await r.http().get('/api/orgs/org_522700/report/pdf?period=2026').set(bearer(prefecture));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('PDF_RENDERER_UNAVAILABLE');
    expect(res.body.error.message).toMatch(/Chromium/);
    expect(res.body.error.message).toMatch(/网页打印/);
  });
});
