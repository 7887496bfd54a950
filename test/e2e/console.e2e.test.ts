import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { orderCreateSchema } from '../../src/domain/orders/order.js';
import { ensureWebBuilt, printBundleReport } from '../../scripts/web-build.js';
import { apiCall, apiLogin, consoleHost, signInPage, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SHOTS = join(process.cwd(), 'test-output/screenshots');
const PHONE = { width: 375, height: 812 };

interface Order {
  _id: string;
  title: string;
  status: string;
  regionCode: string;
  craftsmanId: string | null;
}

describe.skipIf(!hasChromium)(hasChromium ? 'web console in headless Chromium' : 'web console e2e — skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    printBundleReport();
    engine = await startEngine();
    host = await consoleHost(engine.url);
    console.log(`console served by ${host.mode === 'engine' ? 'the engine itself' : 'a same-origin test host (engine does not mount webConsoleMiddleware yet)'}: ${host.url}`);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  /** A fresh, isolated browser context (own storage) signed in as `username` through the login page. */
  async function signIn(username: string, viewport = { width: 1280, height: 860 }, password = 'jiangxin-demo'): Promise<Page> {
    return signInPage(browser, host.url, contexts, username, { password, viewport });
  }

  const statusOf = (page: Page) => page.getByTestId('order-status').innerText();
  const waitStatus = async (page: Page, label: string) => expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe(label);
  const statValue = async (page: Page, key: string) => Number((await page.getByTestId(`stat-${key}`).locator('.ant-statistic-content-value').innerText()).replace(/[^\d.]/g, ''));

  it('when an enterprise posts, county staff vet and send it, the craftsman on a phone accepts, logs a visit and resolves, and the enterprise rates it, then the statistics count one more solved problem and person-visit', async () => {
    const staff = await signIn('dy.union');
    // Statistics before, when the endpoint exists.
    await staff.goto(`${host.url}/stats`);
    await staff.locator('[data-testid="stat-problemsSolved"], [data-testid="feature-missing"], [data-testid="error-state"]').first().waitFor();
    const hasStats = await staff.getByTestId('stat-problemsSolved').isVisible();
    const before = hasStats ? { solved: await statValue(staff, 'problemsSolved'), visits: await statValue(staff, 'serviceVisits') } : null;

    // 企业点单.
    const ent = await signIn('ent.demo');
    await ent.getByTestId('my-orders').waitFor();
    await ent.screenshot({ path: join(SHOTS, 'enterprise-my-orders.png'), fullPage: true });
    await ent.getByTestId('new-order').click();
    const title = `PLC控制柜频繁报警停机 ${Date.now() % 100000}`;
    await ent.getByTestId('f-title').fill(title);
    await ent.getByTestId('f-description').fill('冲压线 PLC 控制柜近一周频繁报警停机，怀疑电气控制回路接触不良，需要设备维修和 PLC 编程方面的专家上门排查。');
    await ent.getByTestId('f-category').click();
    await ent.locator('.ant-select-item-option', { hasText: '设备维修' }).click();
    await ent.getByTestId('f-skills').click();
    await ent.keyboard.type('PLC编程');
    await ent.keyboard.press('Enter');
    await ent.keyboard.type('电气控制');
    await ent.keyboard.press('Enter');
    await ent.keyboard.press('Escape');
    await ent.getByTestId('f-submit').click();
    await ent.waitForURL(/\/orders\/ord_/);
    const orderId = new URL(ent.url()).pathname.split('/').pop()!;
    await waitStatus(ent, '待审核');

    // 工会审核 and 送单 from the board.
    await staff.goto(`${host.url}/board?status=submitted`);
    await staff.getByRole('link', { name: title }).click();
    await staff.getByTestId('vet-approve').click();
    await waitStatus(staff, '待派单');
    await staff.getByTestId('candidates').waitFor();
    const candidatesMissing = await staff.getByTestId('candidates-missing').isVisible().catch(() => false);
    const demo = (await apiCall<{ user: { subjectId: string } }>(engine.url, await apiLogin(engine.url, 'craftsman.demo'), 'GET', '/api/me')).body.user.subjectId;
    let dispatchedTo = '';
    if (!candidatesMissing) {
      await staff.getByTestId('offer-0').click();
      await waitStatus(staff, '已派单');
      const staffToken = await apiLogin(engine.url, 'dy.union');
      const offers = await apiCall<{ items: Array<{ craftsmanId: string }> }>(engine.url, staffToken, 'GET', `/api/offers?orderId=${orderId}&status=pending`);
      dispatchedTo = offers.body.items[0]?.craftsmanId ?? '';
      console.log(`sent to the top candidate (${dispatchedTo === demo ? 'craftsman.demo' : dispatchedTo})`);
    }
    if (dispatchedTo !== demo) {
      // No candidates endpoint, or the top one has no login in the demo: (re)send to craftsman.demo through the picker.
      await staff.getByTestId('craftsman-picker').click();
      await staff.keyboard.type('罗建华');
      await staff.locator('.ant-select-item-option', { hasText: '罗建华' }).first().click();
      await staff.getByTestId('picker-offer').click();
      await expect.poll(async () => (await apiCall<{ items: Array<{ craftsmanId: string }> }>(engine.url, await apiLogin(engine.url, 'dy.union'), 'GET', `/api/offers?orderId=${orderId}&status=pending`)).body.items[0]?.craftsmanId, { timeout: 10_000 }).toBe(demo);
      console.log(candidatesMissing ? 'candidates endpoint missing: sent to craftsman.demo via the picker' : 're-sent (改派) to craftsman.demo via the picker');
    }
    await waitStatus(staff, '已派单');
    await staff.screenshot({ path: join(SHOTS, 'union-order-page.png'), fullPage: true });

    // 劳模工匠接单 on a phone.
    const craftsman = await signIn('craftsman.demo', PHONE);
    await craftsman.getByTestId('offer-list').waitFor();
    const card = craftsman.getByTestId('offer-card').filter({ hasText: title });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await expect(card.getByTestId('countdown').innerText()).resolves.toMatch(/剩余/);
    await craftsman.screenshot({ path: join(SHOTS, 'craftsman-inbox-phone.png'), fullPage: true });
    expect(await craftsman.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width + 1);
    await card.getByTestId('accept').click();
    await craftsman.locator('.jx-toast-success').waitFor();
    await craftsman.goto(`${host.url}/orders/${orderId}`);
    await waitStatus(craftsman, '服务中');
    await craftsman.getByTestId('record-summary').fill('上门排查控制柜，更换松动端子并重写报警联锁程序段，现场培训两名电工。');
    await craftsman.getByTestId('record-submit').click();
    await craftsman.getByTestId('records').getByText('上门服务').waitFor();
    await craftsman.getByTestId('resolve-summary').fill('故障原因为端子松动与联锁程序缺陷，已处理，连续运行 4 小时无报警。');
    await craftsman.getByTestId('resolve-submit').click();
    await waitStatus(craftsman, '待确认');

    // 企业确认评价.
    await ent.reload();
    await waitStatus(ent, '待确认');
    await ent.locator('.ant-rate-star').nth(4).click();
    await ent.getByTestId('rate-comment').fill('响应快，问题彻底解决。');
    await ent.getByTestId('confirm').click();
    await waitStatus(ent, '已完成');
    await ent.getByTestId('timeline').getByText('企业确认评价').waitFor();

    // Statistics after.
    if (before) {
      await staff.goto(`${host.url}/stats`);
      await expect
        .poll(async () => {
          await staff.reload();
          await staff.getByTestId('stat-problemsSolved').waitFor();
          return { solved: await statValue(staff, 'problemsSolved'), visits: await statValue(staff, 'serviceVisits') };
        }, { timeout: 30_000, interval: 1000 })
        .toEqual({ solved: before.solved + 1, visits: before.visits + 1 });
      // A target for the year through the editor: the progress bar and the pace needed appear.
      await staff.getByTestId('edit-targets').click();
      await staff.getByRole('dialog').getByLabel('解决问题数').fill(String(before.solved + 11));
      await staff.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
      await staff.getByTestId('targets').locator('.ant-progress').first().waitFor();
      expect(await staff.getByTestId('targets').innerText()).toContain(`${before.solved + 1} / ${before.solved + 11}`);
      await staff.screenshot({ path: join(SHOTS, 'union-stats.png'), fullPage: true });
    } else {
      console.log('statistics endpoint missing: asserted through the order page state (已完成) instead');
      await staff.goto(`${host.url}/orders/${orderId}`);
      await waitStatus(staff, '已完成');
    }
  }, 240_000);

  it('when two craftsmen claim the same open order at once, one wins and the other sees a clear zh-CN message', async () => {
    const admin = await apiLogin(engine.url, 'admin');
    const username = `race.${Date.now() % 1_000_000}`;
    const created = await apiCall(engine.url, admin, 'POST', '/api/craftsmen', {
      name: '陈志远',
      phone: '13985540001',
      regionCode: '522701',
      skills: [{ name: '数控加工', grade: 2 }],
      serviceModes: ['onsite'],
      account: { username, password: 'race-password-123' },
    });
    expect(created.status).toBe(201);
    const entToken = await apiLogin(engine.url, 'ent.demo');
    const order = await apiCall<Order>(engine.url, entToken, 'POST', '/api/orders', { title: '数控车床加工尺寸漂移', description: '数控车床批量加工时尺寸逐步漂移，需要专家指导补偿设置。', category: 'technical_problem', requiredSkills: ['数控加工'] });
    expect(order.status).toBe(201);
    const vet = await apiCall(engine.url, await apiLogin(engine.url, 'dy.union'), 'POST', `/api/orders/${order.body._id}/vet`, { approve: true });
    expect(vet.status).toBe(200);

    const [a, b] = await Promise.all([signIn('craftsman.demo', PHONE), signIn(username, PHONE, 'race-password-123')]);
    await Promise.all([a, b].map((p) => p.goto(`${host.url}/orders/${order.body._id}`)));
    await Promise.all([a, b].map((p) => p.getByTestId('claim').waitFor()));
    await Promise.all([a.getByTestId('claim').click(), b.getByTestId('claim').click()]);
    const outcome = async (p: Page) => {
      const toast = p.locator('.jx-toast').first();
      await toast.waitFor({ timeout: 15_000 });
      return toast.innerText();
    };
    const texts = await Promise.all([outcome(a), outcome(b)]);
    console.log(`claim race: ${texts.join(' | ')}`);
    expect(texts.filter((t) => t.includes('承接成功'))).toHaveLength(1);
    const loser = texts.find((t) => !t.includes('承接成功')) ?? '';
    expect(loser).toMatch(/已被他人承接|已不在待派单状态/);
    expect(loser).not.toMatch(/ORDER_|Error|\{/);
  }, 120_000);

  it('when dy.union opens the board or types the URL of a 福泉 order, it is not shown', async () => {
    const fq = await apiLogin(engine.url, 'fq.union');
    const list = await apiCall<{ items: Order[] }>(engine.url, fq, 'GET', '/api/orders?limit=50');
    const fuquan = list.body.items.find((o) => o.regionCode === '522702');
    expect(fuquan, 'the demo data has an order in 福泉').toBeDefined();
    const staff = await signIn('dy.union');
    await staff.goto(`${host.url}/board?status=${fuquan!.status === 'rejected' || fuquan!.status === 'cancelled' ? 'submitted' : fuquan!.status}`);
    const table = staff.getByTestId('board-table');
    await table.locator('.ant-table-tbody').waitFor();
    await staff.waitForLoadState('networkidle');
    expect(await staff.locator(`a[href="/orders/${fuquan!._id}"]`).count()).toBe(0);
    await staff.goto(`${host.url}/board?status=${fuquan!.status}&regionCode=522702`);
    await staff.waitForLoadState('networkidle');
    expect(await staff.locator(`a[href="/orders/${fuquan!._id}"]`).count()).toBe(0);
    await staff.goto(`${host.url}/orders/${fuquan!._id}`);
    await staff.getByTestId('not-found').waitFor();
    expect(await staff.getByTestId('not-found').innerText()).toContain('需求不存在，或不在您的管辖范围内');
    expect(await staff.locator('body').innerText()).not.toContain(fuquan!.title);
  }, 60_000);

  it('when the order form is submitted empty or too long, it shows the field errors of the API schema; when the server fails, a message shows instead of a blank page', async () => {
    const expected = orderCreateSchema.safeParse({ title: '', description: '' });
    expect(expected.success).toBe(false);
    const titleMessage = expected.error!.issues.find((i) => i.path[0] === 'title')!.message;
    const descriptionMessage = expected.error!.issues.find((i) => i.path[0] === 'description')!.message;
    const ent = await signIn('ent.demo');
    await ent.goto(`${host.url}/my-orders/new`);
    await ent.getByTestId('f-submit').click();
    const form = ent.getByTestId('order-form');
    await form.getByText(titleMessage).waitFor();
    await form.getByText(descriptionMessage).waitFor();
    expect(await form.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(3); // title, description, category
    const errors = await form.locator('.ant-form-item-explain-error').allInnerTexts();
    for (const e of errors) expect(e).toMatch(/[\u4e00-\u9fff]/);
    await ent.getByTestId('f-title').fill('长'.repeat(101));
    await ent.getByTestId('f-submit').click();
    const tooLong = orderCreateSchema.safeParse({ title: '长'.repeat(101), description: 'x', category: 'mentoring' }).error!.issues[0]!.message;
    await form.getByText(tooLong).waitFor();
    await ent.screenshot({ path: join(SHOTS, 'enterprise-form-errors.png'), fullPage: true });

    // A server error on the board: the message, not a blank page.
    const staff = await signIn('dy.union');
    await staff.route('**/api/orders?*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal stack trace at foo.js:1', details: { requestId: 'x' } } }) }));
    await staff.goto(`${host.url}/board`);
    await staff.getByTestId('error-state').waitFor();
    expect(await staff.getByTestId('error-state').innerText()).toContain('服务器内部错误，请稍后重试');
    expect(await staff.locator('body').innerText()).not.toMatch(/stack|foo\.js/);
    await staff.unroute('**/api/orders?*');
    // A proxy's HTML error page (not JSON) and a malformed answer that breaks rendering: still zh-CN, never blank.
    await staff.route('**/api/orders/ord_broken', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
    await staff.goto(`${host.url}/orders/ord_broken`);
    await staff.getByText('页面出错了').waitFor();
    await staff.route('**/api/orders/ord_gateway', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' }));
    await staff.goto(`${host.url}/orders/ord_gateway`);
    await staff.getByText('服务器内部错误，请稍后重试').waitFor();
    expect(await staff.locator('body').innerText()).not.toContain('Bad Gateway');
  }, 120_000);

  it('measures how fast the board becomes interactive with the demo data', async () => {
    const staff = await signIn('dy.union');
    await staff.goto(`${host.url}/board?status=open`);
    await staff.getByTestId('board-table').locator('.ant-table-row').first().waitFor();
    const ms = await staff.evaluate(() => {
      const mark = performance.getEntriesByName('jx-board-rendered')[0];
      return Math.round(mark ? mark.startTime : performance.now());
    });
    console.log(`board interactive in ${ms} ms`);
    expect(await staff.getByTestId('bell').isVisible()).toBe(true);
    await staff.screenshot({ path: join(SHOTS, 'union-board.png'), fullPage: true });
    expect(ms).toBeLessThan(15_000);
  }, 60_000);
});
