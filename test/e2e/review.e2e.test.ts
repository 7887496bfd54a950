import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { creditCodeCheckChar } from '../../src/domain/shared/credit-code.js';
import { apiCall, apiLogin, consoleHost, signInPage, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SHOTS = join(process.cwd(), 'test-output/screenshots');
const OK = /确\s*定/;

/** A valid 统一社会信用代码 in 都匀市, different each run. */
function creditCode(): string {
  const first17 = `91522701M${String(Date.now() % 1e8).padStart(8, '0')}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

describe.skipIf(!hasChromium)(hasChromium ? 'profile-change review and service-record disputes in headless Chromium' : 'review e2e — skipped: /usr/bin/chromium is not installed', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const run = Date.now() % 100000;
  const craftsmanLogin = { username: `review.c${run}`, password: 'review-password-123' };
  const enterpriseLogin = { username: `review.e${run}`, password: 'review-password-123' };
  let craftsmanId = '';

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    engine = await startEngine();
    host = await consoleHost(engine.url);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    // Fresh people of 都匀市, so the demo data's open orders and loads do not matter here.
    const staff = await apiLogin(engine.url, 'dy.union');
    const craftsman = await apiCall<{ _id: string }>(engine.url, staff, 'POST', '/api/craftsmen', {
      name: '罗明远',
      phone: '13985547001',
      regionCode: '522701',
      skills: [{ name: '电气控制', grade: 2 }],
      serviceModes: ['onsite'],
      capacity: 2,
      account: craftsmanLogin,
    });
    expect(craftsman.status).toBe(201);
    craftsmanId = craftsman.body._id;
    const enterprise = await apiCall(engine.url, staff, 'POST', '/api/enterprises', {
      name: `都匀市审核测试电气有限公司${run}`,
      creditCode: creditCode(),
      industry: '装备制造',
      regionCode: '522701',
      address: '都匀市经济开发区',
      contact: { name: '王经理', phone: '13885412345' },
      account: enterpriseLogin,
    });
    expect(enterprise.status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  async function signIn(username: string, password = 'jiangxin-demo'): Promise<Page> {
    return signInPage(browser, host.url, contexts, username, { password });
  }

  /**
   * Waits until the inbox holds a message with this title. The notify consumer shares the engine's
   * event loop with the API, so on a loaded machine a message can take a while; polling the API is
   * cheaper than reloading the page, which is then checked once.
   */
  const inboxHas = (token: string, title: string) =>
    expect
      .poll(async () => (await apiCall<{ items: Array<{ title: string }> }>(engine.url, token, 'GET', '/api/notifications?limit=50')).body.items.some((n) => n.title === title), { timeout: 90_000, interval: 1_000 })
      .toBe(true);

  /** Fills the reason dialog a ReasonButton opened and confirms it. */
  async function giveReason(page: Page, reason: string) {
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reason-input').fill(reason);
    await dialog.getByRole('button', { name: OK }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('when a craftsman proposes a new studio and capacity, then its profile keeps the old values; county staff are told, see the difference and approve; then the profile shows them', async () => {
    const studio = `罗明远电气创新工作室${run}`;
    const craftsman = await signIn(craftsmanLogin.username, craftsmanLogin.password);
    await craftsman.getByTestId('nav').getByText('我的档案').click();
    await craftsman.getByTestId('my-profile').waitFor();
    await craftsman.getByTestId('p-studio').fill(studio);
    await craftsman.getByTestId('p-capacity').fill('4');
    await craftsman.getByTestId('p-save').click();
    await craftsman.getByTestId('proposal-sent').waitFor();
    await craftsman.getByTestId('pending-change').waitFor();
    expect(await craftsman.getByTestId('my-studio').innerText()).toBe('—');
    expect(await craftsman.getByTestId('my-capacity').innerText()).toBe('2');

    // County staff hear of it in their inbox and follow the message to the review page.
    const staff = await signIn('dy.union');
    await inboxHas(await apiLogin(engine.url, 'dy.union'), '资料变更待审核：罗明远');
    await staff.goto(`${host.url}/notifications`);
    const message = staff.getByText('资料变更待审核：罗明远').first();
    await message.click();
    await staff.waitForURL((u) => u.pathname === '/profile-changes');
    const token = await apiLogin(engine.url, 'dy.union');
    const pending = await apiCall<{ items: Array<{ _id: string; subjectId: string }> }>(engine.url, token, 'GET', '/api/profile-changes?status=pending&subjectType=craftsman&limit=100');
    const change = pending.body.items.find((c) => c.subjectId === craftsmanId);
    expect(change, 'the proposal is pending for dy.union').toBeDefined();
    const diff = staff.getByTestId(`diff-${change!._id}`);
    await diff.waitFor();
    const diffText = await diff.innerText();
    expect(diffText).toContain('创新工作室');
    expect(diffText).toContain(studio);
    expect(diffText).toMatch(/同时承接上限：2\s*→\s*4/);
    await staff.screenshot({ path: join(SHOTS, 'union-profile-review.png'), fullPage: true });
    await staff.getByTestId(`approve-${change!._id}`).click();
    await staff.getByText('已通过，变更已生效').waitFor();

    await craftsman.reload();
    await craftsman.getByTestId('my-profile').waitFor();
    expect(await craftsman.getByTestId('my-studio').innerText()).toBe(studio);
    expect(await craftsman.getByTestId('my-capacity').innerText()).toBe('4');
    expect(await craftsman.getByTestId('pending-change').count()).toBe(0);
    await craftsman.getByTestId('nav').getByText('资料变更').click();
    await expect.poll(() => craftsman.getByTestId(`change-status-${change!._id}`).innerText(), { timeout: 10_000 }).toContain('已通过');
  }, 300_000);

  it('when the enterprise disputes a record at confirmation, then staff decide it on the disputes page and the enterprise sees the outcome', async () => {
    // The work itself through the API: post, vet, offer, accept, log a visit, resolve.
    const [ent, staffToken, cra] = await Promise.all([apiLogin(engine.url, enterpriseLogin.username, enterpriseLogin.password), apiLogin(engine.url, 'dy.union'), apiLogin(engine.url, craftsmanLogin.username, craftsmanLogin.password)]);
    const order = await apiCall<{ _id: string }>(engine.url, ent, 'POST', '/api/orders', { title: `配电柜跳闸原因排查 ${run}`, description: '车间配电柜近期频繁跳闸，需要电气控制方面的专家上门排查原因并提出整改建议。', category: 'equipment_repair', requiredSkills: ['电气控制'] });
    expect(order.status).toBe(201);
    const orderId = order.body._id;
    expect((await apiCall(engine.url, staffToken, 'POST', `/api/orders/${orderId}/vet`, { approve: true })).status).toBe(200);
    const offer = await apiCall<{ _id: string }>(engine.url, staffToken, 'POST', `/api/orders/${orderId}/offers`, { craftsmanId });
    expect(offer.status).toBe(201);
    expect((await apiCall(engine.url, cra, 'POST', `/api/offers/${offer.body._id}/accept`)).status).toBe(200);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const record = await apiCall<{ _id: string }>(engine.url, cra, 'POST', `/api/orders/${orderId}/service-records`, { kind: 'visit', date: today, hours: 3, summary: '现场排查配电柜' });
    expect(record.status).toBe(201);
    const recordId = record.body._id;
    expect((await apiCall(engine.url, cra, 'POST', `/api/orders/${orderId}/resolve`, { summary: '更换老化接触器' })).status).toBe(200);

    const enterprise = await signIn(enterpriseLogin.username, enterpriseLogin.password);
    await enterprise.goto(`${host.url}/orders/${orderId}`);
    await enterprise.getByTestId(`raise-dispute-${recordId}`).click();
    await giveReason(enterprise, '当天只来了一小时');
    await expect.poll(() => enterprise.getByTestId(`dispute-${recordId}`).innerText(), { timeout: 10_000 }).toContain('异议待处理');

    const staff = await signIn('dy.union');
    await staff.getByTestId('nav').getByText('服务异议').click().catch(async () => staff.goto(`${host.url}/disputes`));
    await staff.waitForURL((u) => u.pathname === '/disputes');
    await staff.getByTestId(`uphold-${recordId}`).click();
    await giveReason(staff, '核实仅到场一小时');
    await staff.getByText('异议已处理').waitFor();
    await expect.poll(() => staff.getByTestId(`uphold-${recordId}`).count(), { timeout: 10_000 }).toBe(0);

    await enterprise.getByTestId('nav').getByText('服务异议').click();
    const outcome = enterprise.getByTestId(`dispute-${recordId}`);
    await expect.poll(() => outcome.innerText(), { timeout: 10_000 }).toContain('异议成立');
    expect(await outcome.innerText()).toContain('核实仅到场一小时');
    await enterprise.screenshot({ path: join(SHOTS, 'enterprise-disputes.png'), fullPage: true });
    // The decision reached the enterprise's inbox as well.
    await inboxHas(ent, `服务记录异议成立：配电柜跳闸原因排查 ${run}`);
    await enterprise.goto(`${host.url}/notifications`);
    await enterprise.getByText(`服务记录异议成立：配电柜跳闸原因排查 ${run}`).first().waitFor();
  }, 300_000);

  it('when an enterprise renames itself and moves its address, then the address applies at once and the name waits; staff reject it with a reason and the enterprise reads the reason', async () => {
    const enterprise = await signIn(enterpriseLogin.username, enterpriseLogin.password);
    await enterprise.getByTestId('nav').getByText('企业资料').click();
    await enterprise.getByTestId('my-company').waitFor();
    const oldName = await enterprise.getByTestId('company-name').innerText();
    await enterprise.getByTestId('c-name').fill(`${oldName}（更名）`);
    await enterprise.getByTestId('c-address').fill('都匀市经济开发区二期');
    await enterprise.getByTestId('c-save').click();
    await enterprise.getByTestId('proposal-sent').waitFor();
    await enterprise.getByTestId('pending-change').waitFor();
    expect(await enterprise.getByTestId('company-name').innerText()).toBe(oldName);
    await expect.poll(() => enterprise.getByTestId('my-company').innerText(), { timeout: 10_000 }).toContain('都匀市经济开发区二期');

    const token = await apiLogin(engine.url, 'dy.union');
    const pending = await apiCall<{ items: Array<{ _id: string; subjectName: string }> }>(engine.url, token, 'GET', '/api/profile-changes?status=pending&subjectType=enterprise&limit=100');
    const change = pending.body.items.find((c) => c.subjectName === oldName);
    expect(change, 'the rename is pending for dy.union').toBeDefined();
    const staff = await signIn('dy.union');
    await staff.goto(`${host.url}/profile-changes?id=${change!._id}`);
    await staff.getByTestId(`reject-${change!._id}`).click();
    await giveReason(staff, '请提交更名后的营业执照');
    await expect.poll(() => staff.getByTestId(`change-status-${change!._id}`).innerText(), { timeout: 15_000 }).toContain('已驳回');

    await enterprise.getByTestId('nav').getByText('资料变更').click();
    const status = enterprise.getByTestId(`change-status-${change!._id}`);
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toContain('已驳回');
    expect(await status.innerText()).toContain('请提交更名后的营业执照');
    await enterprise.getByTestId('nav').getByText('企业资料').click();
    expect(await enterprise.getByTestId('company-name').innerText()).toBe(oldName);
  }, 300_000);
});
