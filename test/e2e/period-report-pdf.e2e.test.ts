import { existsSync } from 'node:fs';
import type { Response as SuperagentResponse } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { qiannanYear } from '../helpers/period-report-data.js';
import type { Reporting } from '../unit/stats/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const A4 = { width: 595.28, height: 841.89 }; // points
const binary = (res: SuperagentResponse, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** Simplified characters the CJK font's ToUnicode maps to CJK Radicals Supplement code points, which NFKC leaves alone. */
const RADICALS: Record<string, string> = { '⻓': '长', '⻰': '龙', '⻅': '见', '⻔': '门', '⻋': '车', '⻢': '马', '⻛': '风', '⻜': '飞', '⻥': '鱼', '⻦': '鸟', '⻩': '黄', '⻬': '齐', '⻉': '贝', '⻚': '页', '⻝': '饣', '⻘': '青' };
/**
 * Text as compared: NFKC, because the CJK font's ToUnicode maps some glyphs to Kangxi radicals
 * (⼯ U+2F2F for 工), which NFKC folds back, then the supplement radicals above; applied to both
 * sides, with whitespace removed.
 */
const compact = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\u2e80-\u2eff]/g, (ch) => RADICALS[ch] ?? ch)
    .replace(/\s+/g, '');
const int = (n: number) => n.toLocaleString('en-US');

describe.skipIf(!hasChromium)(hasChromium ? 'period report printed to PDF by Chromium' : 'period report PDF — skipped: /usr/bin/chromium is not installed', () => {
  let t: TestEngine;
  let r: Reporting;
  let prefecture: string;
  let waitingNumber: string;

  beforeAll(async () => {
    t = await startTestEngine();
    ({ r, prefecture, waitingNumber } = await qiannanYear(t));
  }, 120_000);
  afterAll(() => t.engine.close());

  it('when 黔南州 prints its 2026 report, then the PDF is at most two A4 pages and its text holds the statistics API figures', async () => {
    const res = await r.http().get('/api/orgs/org_522700/report/pdf?period=2026').set(bearer(prefecture)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { getDocumentProxy, extractText } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(body));
    expect(pdf.numPages).toBeGreaterThanOrEqual(1);
    expect(pdf.numPages).toBeLessThanOrEqual(2);
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const { width, height } = (await pdf.getPage(n)).getViewport({ scale: 1 });
      expect(Math.abs(width - A4.width), `page ${n} width`).toBeLessThan(2);
      expect(Math.abs(height - A4.height), `page ${n} height`).toBeLessThan(2);
    }
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = compact(text);
    const has = (expected: string) => expect(flat).toContain(compact(expected));

    const stats = (await r.http().get('/api/orgs/org_522700/stats?period=2026').set(bearer(prefecture)).expect(200)).body;
    has('黔南州总工会劳模工匠助企行动工作报告');
    has('2026-01-01至2026-12-31（2026年）');
    // Headline figures: each label followed by the API's value.
    has(`需求数${int(stats.total.orders.total)}`);
    has(`解决问题数${int(stats.total.problemsSolved)}`);
    has(`服务企业人次${int(stats.total.service.visits)}`);
    has(`服务时长（小时）${stats.total.service.hours.toFixed(1)}`);
    has(`培训人数${int(stats.total.service.trainingAttendees)}`);
    has(`平均满意度${stats.total.satisfaction.average.toFixed(2)}`);
    // Targets with their values, and the children ranked: 都匀 first, 福泉 second.
    for (const p of stats.total.targets) has(`${p.label}${int(p.target)}${int(p.value)}`);
    const duyun = stats.children.find((c: { org: { regionCode: string } }) => c.org.regionCode === '522701');
    has(`1都匀市总工会${int(duyun.orders.total)}${int(duyun.problemsSolved)}${int(duyun.service.visits)}`);
    has('2福泉市总工会');
    has('4长顺县总工会');
    has(`合计${int(stats.total.orders.total)}${int(stats.total.problemsSolved)}${int(stats.total.service.visits)}`);
    // The trend chart and the outstanding case, by its number.
    has('月度趋势');
    has(waitingNumber);
    has('磷石膏输送带跑偏');
  }, 120_000);
});
