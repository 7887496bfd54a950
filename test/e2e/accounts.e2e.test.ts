import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { consoleHost, signInPage, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SHOTS = join(process.cwd(), 'test-output/screenshots');

describe.skipIf(!hasChromium)(hasChromium ? 'account management in the console (headless Chromium)' : 'account management e2e — skipped: /usr/bin/chromium is not installed', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    engine = await startEngine();
    host = await consoleHost(engine.url);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  async function signIn(username: string, password = 'jiangxin-demo'): Promise<Page> {
    return signInPage(browser, host.url, contexts, username, { password });
  }

  it('when prefecture staff create a county staff login, it signs in and changes its password, and staff then disable it, then its open console is sent back to the login page', { timeout: 240_000 }, async () => {
    const manager = await signIn('qn.union');
    await manager.goto(`${host.url}/users`);
    await manager.getByTestId('create-staff').click();
    await manager.getByLabel('所属工会').click();
    await manager.keyboard.type('都匀');
    await manager.locator('.ant-select-item-option', { hasText: '都匀市总工会' }).first().click();
    await manager.getByLabel('姓名或称呼').fill('都匀市总工会 新干事');
    const username = `dy.new${Date.now() % 100000}`;
    await manager.getByLabel('用户名').fill(username);
    await manager.getByLabel('初始密码').fill('new-staff-pass-1');
    await manager.getByRole('button', { name: /^创\s*建$/ }).click();
    await manager.locator('.ant-message-success').first().waitFor();
    const row = manager.locator('tr', { hasText: username });
    await row.waitFor();
    await manager.screenshot({ path: join(SHOTS, 'union-users.png'), fullPage: true });

    const staff = await signIn(username, 'new-staff-pass-1');
    await staff.getByTestId('change-password').click();
    await staff.getByLabel('当前密码', { exact: true }).fill('new-staff-pass-1');
    await staff.getByLabel('新密码', { exact: true }).fill('new-staff-pass-2');
    await staff.getByLabel('再次输入新密码', { exact: true }).fill('new-staff-pass-2');
    await staff.getByRole('button', { name: /^修\s*改$/ }).click();
    await staff.locator('.ant-message-success').first().waitFor();

    await row.getByRole('button', { name: /停\s*用/ }).click();
    await manager.getByRole('dialog').getByTestId('reason-input').fill('调离工作岗位');
    await manager.getByRole('button', { name: /^确\s*定$/ }).last().click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('已停用');

    await staff.goto(`${host.url}/board`);
    await staff.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 15_000 });
    await staff.getByLabel('用户名').fill(username);
    await staff.getByLabel('密码').fill('new-staff-pass-2');
    await staff.getByRole('button', { name: /登\s*录/ }).click();
    await staff.getByText('账号已停用').first().waitFor({ timeout: 10_000 });
  });
});
