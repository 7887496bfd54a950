import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../../errors.js';
import type { PdfRenderer } from '../../ports/pdf.js';

/** Debian's Chromium: the browser the console's end-to-end tests already run in. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const unavailable = (detail: string, cause?: unknown) =>
  new AppError({ kind: 'unavailable', code: 'PDF_RENDERER_UNAVAILABLE', message: `服务器未安装或无法启动用于生成 PDF 的浏览器（Chromium），暂不能导出 PDF，请改用网页打印或联系管理员（${detail}）`, cause });

/**
 * Renders PDFs in one headless Chromium started on first use and kept for later reports; each
 * report gets its own context, which never touches the network (`offline`: the page is
 * self-contained, and nothing a page holds can reach an address). Renders one at a time: a
 * 2-core machine gains nothing from more, and the API keeps its share.
 */
export class ChromiumPdf implements PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath: string = DEFAULT_CHROMIUM) {}

  available(): boolean {
    return existsSync(this.executablePath);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => {
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({ executablePath: this.executablePath, args: LAUNCH_ARGS });
        browser.on('disconnected', () => (this.browser = null));
        return browser;
      })();
      this.browser.catch(() => (this.browser = null));
    }
    return this.browser;
  }

  render(html: string): Promise<Buffer> {
    const run = async () => {
      if (!this.available()) throw unavailable(`${this.executablePath} 不存在`);
      let browser: Browser;
      try {
        browser = await this.launch();
      } catch (error) {
        throw unavailable('启动失败', error);
      }
      const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
