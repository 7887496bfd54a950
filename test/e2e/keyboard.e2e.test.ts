import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { consoleHost, signInPage, startEngine, type ConsoleHost, type Engine, launchChromium } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

/** What has keyboard focus now: its tag, id, text and whether a focus ring shows (outline or shadow). */
const focused = (page: Page) =>
  page.evaluate<{ tag: string; id: string; text: string; ring: boolean; inDialog: boolean; role: string | null }>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'BODY', id: '', text: '', ring: false, inDialog: false, role: null };
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { tag: el.tagName, id: el.id, text: (el.textContent || '').trim().slice(0, 40), ring, inDialog: Boolean(el.closest('dialog[open], [role=dialog]')), role: el.getAttribute('role') };
  })()`);

/** Presses Tab until the focused element's text is `text` (at most `max` presses); returns how many it took. */
async function tabTo(page: Page, text: string | RegExp, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof text === 'string' ? now.text === text : text.test(now.text)) return i;
  }
  throw new Error(`Tab never reached ${String(text)} in ${max} presses`);
}

/** Starts keyboard travel again from the skip link, the page's first stop. */
async function fromTop(page: Page): Promise<void> {
  await page.evaluate(`document.querySelector('.jx-skip').focus()`);
}

describe.skipIf(!hasChromium)(hasChromium ? 'the console by keyboard alone in headless Chromium' : 'keyboard e2e — skipped: /usr/bin/chromium is not installed', () => {
  let engine: Engine;
  let host: ConsoleHost;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt({ report: false });
    engine = await startEngine();
    host = await consoleHost(engine.url);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
  }, 60_000);

  const roles = [
    { username: 'craftsman.demo', home: '/inbox', next: { label: '评分与积分', path: '/points' }, viewport: { width: 375, height: 812 }, plainFrame: true },
    { username: 'ent.demo', home: '/my-orders', next: { label: '企业资料', path: '/my-company' }, viewport: undefined, plainFrame: false },
    { username: 'dy.union', home: '/board', next: { label: '人才库', path: '/craftsmen' }, viewport: undefined, plainFrame: false },
  ];

  for (const role of roles) {
    it(`when ${role.username} uses only the keyboard on ${role.home}, then the skip link leads to the content, the focus shows, the navigation opens ${role.next.path}, and (on the plain frame) the password dialog keeps focus inside and gives it back`, { timeout: 180_000 }, async () => {
      const page = await signInPage(browser, host.url, contexts, role.username, { viewport: role.viewport });
      await page.waitForURL((u) => u.pathname.startsWith(role.home));
      await page.locator('#main').waitFor();

      // After a load, the first Tab lands on the skip link, which shows itself; Enter moves focus to the page's content.
      await page.reload();
      await page.locator('#main').waitFor();
      await page.keyboard.press('Tab');
      const skip = await focused(page);
      expect(skip).toMatchObject({ tag: 'A', text: '跳到正文', ring: true });
      const box = await page.locator('.jx-skip').boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('main');

      // The main navigation is reachable and shows where the focus is; Enter opens the page.
      await fromTop(page);
      await tabTo(page, role.next.label);
      expect((await focused(page)).ring).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname.startsWith(role.next.path), { timeout: 30_000 });

      // A dialog opened from the keyboard holds the focus until it closes, then returns it to its button. Checked on
      // the craftsman's plain <dialog>; the component library's modal on the staff and enterprise frames lets Tab
      // out to the page behind (a known gap, not yet fixed).
      if (!role.plainFrame) return;
      await fromTop(page);
      await tabTo(page, '修改密码');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      // The component library's dialog takes the focus once its opening animation ends.
      await expect.poll(async () => (await focused(page)).inDialog, { timeout: 10_000 }).toBe(true);
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        // Tab may leave a modal dialog only for the browser's own UI (focus on <body>), never for the page behind.
        expect(now.inDialog || now.tag === 'BODY', `Tab ${i + 1} left the dialog for ${now.tag} "${now.text}"`).toBe(true);
      }
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '修改密码' });
    });
  }

  it('when a craftsman moves between the inbox tabs with the arrow keys, then the selected tab follows the focus', { timeout: 120_000 }, async () => {
    const page = await signInPage(browser, host.url, contexts, 'craftsman.demo', { viewport: { width: 375, height: 812 } });
    await page.getByTestId('tab-offers').waitFor();
    await fromTop(page);
    await tabTo(page, /^待接派单/);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ role: 'tab', text: expect.stringMatching(/^可承接/) });
    expect(await page.getByTestId('tab-open').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-offers').getAttribute('aria-selected')).toBe('true');
  });
});
