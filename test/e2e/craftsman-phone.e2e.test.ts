import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { apiCall, apiLogin, consoleHost, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const PHONE = { width: 375, height: 812 };
/** Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

interface Offer {
  _id: string;
  status: string;
  craftsmanId: string;
}
interface Order {
  _id: string;
  status: string;
  timeline: Array<{ to: string }>;
}

describe.skipIf(!hasChromium)(hasChromium ? 'the craftsman on a phone over a slow, flaky link' : 'craftsman phone e2e — skipped: /usr/bin/chromium is not installed', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  let context: BrowserContext;
  let staffToken: string;
  let craftsmanToken: string;

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    engine = await startEngine();
    host = await consoleHost(engine.url);
    browser = await launchChromium();
    [staffToken, craftsmanToken] = await Promise.all([apiLogin(engine.url, 'dy.union'), apiLogin(engine.url, 'craftsman.demo')]);
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  /** An order the demo enterprise posts and county staff send to craftsman.demo, through the API. */
  async function offeredOrder(title: string): Promise<{ orderId: string; offerId: string }> {
    const ent = await apiLogin(engine.url, 'ent.demo');
    const me = await apiCall<{ user: { subjectId: string } }>(engine.url, craftsmanToken, 'GET', '/api/me');
    const order = await apiCall<{ _id: string }>(engine.url, ent, 'POST', '/api/orders', {
      title,
      description: '冲压线 PLC 控制柜频繁报警停机，需要电气与 PLC 方面的专家上门排查。',
      category: 'equipment_repair',
      requiredSkills: ['PLC编程'],
      urgency: 'normal',
      preferredModes: ['onsite'],
      expectedBy: null,
      autoDispatch: false,
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await apiCall(engine.url, staffToken, 'POST', `/api/orders/${order.body._id}/vet`, { approve: true })).status).toBe(200);
    const offer = await apiCall<Offer>(engine.url, staffToken, 'POST', `/api/orders/${order.body._id}/offers`, { craftsmanId: me.body.user.subjectId });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    return { orderId: order.body._id, offerId: offer.body._id };
  }

  async function throttled(page: Page): Promise<CDPSession> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    return cdp;
  }

  const height = async (page: Page, testId: string) => (await page.getByTestId(testId).first().boundingBox())?.height ?? 0;

  it('when a craftsman accepts an offer and logs a visit on slow 4G, with a reload while the visit is in flight and a reload with the API unreachable, then nothing is lost and nothing is recorded twice', { timeout: 240_000 }, async () => {
    const title = `控制柜报警停机 ${Date.now() % 100000}`;
    const { orderId, offerId } = await offeredOrder(title);
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`page error: ${e.message}`));
    await throttled(page);

    // Sign in on the slow link.
    const started = Date.now();
    await page.goto(`${host.url}/login`);
    await page.getByLabel('用户名').waitFor();
    console.log(`login page usable after ${Date.now() - started} ms on emulated slow 4G (machine load: see uptime in the report)`);
    await page.getByLabel('用户名').fill('craftsman.demo');
    await page.getByLabel('密码').fill('jiangxin-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/inbox'));

    // 接单 at 375 px: the card fits, its buttons are big enough for a thumb.
    const card = page.getByTestId('offer-card').filter({ hasText: title });
    await card.waitFor({ timeout: 30_000 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width + 1);
    expect(await height(page, 'accept')).toBeGreaterThanOrEqual(44);
    expect(await height(page, 'decline')).toBeGreaterThanOrEqual(44);
    await card.getByTestId('accept').click();
    await page.locator('.jx-toast-success').waitFor({ timeout: 30_000 });

    // Accepted once: one answered offer, one step into 服务中.
    const offers = await apiCall<{ items: Offer[] }>(engine.url, staffToken, 'GET', `/api/offers?orderId=${orderId}`);
    expect(offers.body.items.map((o) => [o._id, o.status])).toEqual([[offerId, 'accepted']]);

    // 登记服务记录; the first POST reaches the server but its answer is lost to a reload.
    await page.goto(`${host.url}/orders/${orderId}`);
    await page.getByTestId('record-summary').waitFor({ timeout: 30_000 });
    expect(await height(page, 'record-submit')).toBeGreaterThanOrEqual(44);
    const summary = '上门排查控制柜，更换松动端子并重写报警联锁程序段。';
    await page.getByTestId('record-summary').fill(summary);
    const posts: Array<{ key: string | null; status: number }> = [];
    let firstLanded: () => void = () => {};
    const landed = new Promise<void>((r) => (firstLanded = r));
    await page.route('**/api/orders/*/service-records', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const key = (await route.request().headerValue('idempotency-key')) ?? null;
      const answer = await route.fetch();
      posts.push({ key, status: answer.status() });
      if (posts.length === 1) {
        firstLanded();
        return; // the answer never reaches the page: the reload below cuts it off
      }
      await route.fulfill({ response: answer });
    });
    await page.getByTestId('record-submit').click();
    await landed;
    await page.reload();

    // After the reload the page sends the same visit again, with the same key, and shows it once.
    await page.getByTestId('records').getByText(summary).waitFor({ timeout: 60_000 });
    await expect.poll(() => posts.length, { timeout: 30_000 }).toBe(2);
    expect(posts[0]!.key).toMatch(/^[0-9a-f]{32}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(posts.map((p) => p.status)).toEqual([201, 200]);
    const records = await apiCall<{ items: Array<{ summary: string }> }>(engine.url, staffToken, 'GET', `/api/orders/${orderId}/service-records`);
    expect(records.body.items.filter((r) => r.summary === summary)).toHaveLength(1);
    await expect(page.getByTestId('record-pending').count()).resolves.toBe(0);
    await page.unroute('**/api/orders/*/service-records');

    // Reload with the API unreachable: the inbox still shows the work and says it may be old.
    await page.goto(`${host.url}/inbox`);
    await page.getByTestId('tab-current').click();
    await page.getByTestId('current-card').filter({ hasText: title }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // the answer cache saves 300 ms after the last answer
    await page.route('**/api/{orders,offers}**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByTestId('tab-current').click();
    await page.getByTestId('current-card').filter({ hasText: title }).waitFor({ timeout: 30_000 });
    await page.getByTestId('stale-notice').waitFor({ timeout: 30_000 });

    const order = await apiCall<Order>(engine.url, staffToken, 'GET', `/api/orders/${orderId}`);
    expect(order.body.status).toBe('in_progress');
    expect(order.body.timeline.filter((e) => e.to === 'in_progress')).toHaveLength(1);
  });
});
