import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { apiCall, apiLogin, consoleHost, signInPage, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const PHONE = { width: 375, height: 812 };

interface Order {
  _id: string;
  status: string;
  preferredWindows?: { start: string; end: string }[];
  appointment?: { status: string; slot: { start: string; end: string } } | null;
}

/** `YYYY-MM-DDTHH:mm` in Beijing time, as a datetime-local field takes it, `days` from now at `hour`. */
function beijingLocal(days: number, hour: number): { local: string; iso: string } {
  const day = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const local = `${day}T${String(hour).padStart(2, '0')}:00`;
  return { local, iso: new Date(`${local}:00+08:00`).toISOString() };
}

describe.skipIf(!hasChromium)(hasChromium ? '预约 on a phone: preferred windows, a proposed slot, its confirmation' : 'appointments e2e — skipped: /usr/bin/chromium is not installed', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    engine = await startEngine();
    host = await consoleHost(engine.url);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  const fitsPhone = async (page: Page) => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width + 1);
  const height = async (page: Page, testId: string) => (await page.getByTestId(testId).first().boundingBox())?.height ?? 0;

  it('when an enterprise gives a preferred window at 375 px, the craftsman proposes a slot in it and the enterprise confirms, then both see it booked', { timeout: 240_000 }, async () => {
    const title = `烘干机温控失灵 ${Date.now() % 100000}`;
    const window = { start: beijingLocal(3, 9), end: beijingLocal(3, 12) };

    // 企业点单 with one preferred window, on a phone.
    const ent = await signInPage(browser, host.url, contexts, 'ent.demo', { viewport: PHONE });
    await ent.goto(`${host.url}/my-orders/new`);
    await ent.getByTestId('f-title').fill(title);
    await ent.getByTestId('f-description').fill('茶叶烘干机温控器失灵，温度忽高忽低，需要电气方面的专家上门检修。');
    await ent.getByTestId('f-category').click();
    await ent.locator('.ant-select-item-option', { hasText: '设备维修' }).click();
    await ent.getByTestId('f-window-add').click();
    await ent.getByTestId('f-window-0-start').fill(window.start.local);
    await ent.getByTestId('f-window-0-end').fill(window.end.local);
    await fitsPhone(ent);
    await ent.getByTestId('f-submit').click();
    await ent.waitForURL(/\/orders\/ord_/);
    const orderId = new URL(ent.url()).pathname.split('/').pop()!;
    await ent.getByTestId('preferred-windows').waitFor({ timeout: 30_000 });

    // Staff vet and send it to the demo craftsman, who accepts (the order flow the other suites drive in the browser).
    const staff = await apiLogin(engine.url, 'dy.union');
    const craftsmanToken = await apiLogin(engine.url, 'craftsman.demo');
    const me = await apiCall<{ user: { subjectId: string } }>(engine.url, craftsmanToken, 'GET', '/api/me');
    const stored = await apiCall<Order>(engine.url, staff, 'GET', `/api/orders/${orderId}`);
    expect(stored.body.preferredWindows).toEqual([{ start: window.start.iso, end: window.end.iso }]);
    expect((await apiCall(engine.url, staff, 'POST', `/api/orders/${orderId}/vet`, { approve: true })).status).toBe(200);
    const offer = await apiCall<{ _id: string }>(engine.url, staff, 'POST', `/api/orders/${orderId}/offers`, { craftsmanId: me.body.user.subjectId });
    expect((await apiCall(engine.url, craftsmanToken, 'POST', `/api/offers/${offer.body._id}/accept`)).status).toBe(200);

    // The craftsman proposes 10:00 for two hours on its phone.
    const cra = await signInPage(browser, host.url, contexts, 'craftsman.demo', { viewport: PHONE });
    await cra.goto(`${host.url}/orders/${orderId}`);
    await cra.getByTestId('slot-start').waitFor({ timeout: 30_000 });
    await fitsPhone(cra);
    expect(await height(cra, 'slot-submit')).toBeGreaterThanOrEqual(40);
    await cra.getByTestId('slot-start').fill(beijingLocal(3, 10).local);
    await cra.getByTestId('slot-note').fill('带温控器备件过来');
    await cra.getByTestId('slot-submit').click();
    await cra.getByTestId('appointment-status').filter({ hasText: '待企业确认' }).waitFor({ timeout: 30_000 });

    // The enterprise confirms it on its phone.
    await ent.reload();
    await ent.getByTestId('appointment-confirm').waitFor({ timeout: 30_000 });
    await fitsPhone(ent);
    await ent.getByTestId('appointment-confirm').click();
    await ent.getByTestId('appointment-status').filter({ hasText: '已确认' }).waitFor({ timeout: 30_000 });

    const booked = await apiCall<Order>(engine.url, craftsmanToken, 'GET', `/api/orders/${orderId}`);
    expect(booked.body.appointment).toMatchObject({ status: 'confirmed', slot: { start: beijingLocal(3, 10).iso, end: beijingLocal(3, 12).iso } });
    const calendar = await apiCall<{ items: { orderId: string; status: string }[] }>(engine.url, craftsmanToken, 'GET', `/api/craftsmen/${me.body.user.subjectId}/calendar`);
    expect(calendar.body.items).toContainEqual(expect.objectContaining({ orderId, status: 'confirmed' }));
    await cra.reload();
    await cra.getByTestId('appointment-status').filter({ hasText: '已确认' }).waitFor({ timeout: 30_000 });
    await fitsPhone(cra);
  });
});
