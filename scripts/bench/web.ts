// `npm run bench:web`: Lighthouse's mobile profile (simulated slow 4G, 4× slower CPU, a 412 px phone) in
// Debian's Chromium against the engine serving the built console: performance and time to interactive
// on the login page and a craftsman's inbox, accessibility on every role's main page. Prints the
// machine's load average beside the figures: on a busy shared machine the timings are not meaningful.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { ensureWebBuilt } from '../web-build.js';
import { apiLogin, startEngine } from '../../test/e2e/harness.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const TARGETS = { performance: 90, interactiveMs: 3000, accessibility: 95 };

interface Page {
  name: string;
  path: string;
  /** Signed in as this demo login (the token put into localStorage first), or anonymous. */
  as: string | null;
  performance: boolean;
}

const PAGES: Page[] = [
  { name: '登录页', path: '/login', as: null, performance: true },
  { name: '劳模工匠·我的任务', path: '/inbox', as: 'craftsman.demo', performance: true },
  { name: '企业·我的需求', path: '/my-orders', as: 'ent.demo', performance: false },
  { name: '工会·派单看板', path: '/board', as: 'dy.union', performance: false },
  { name: '管理员·派单看板', path: '/board', as: 'admin', performance: false },
];

/** Signs the browser in the way the console does: the token and the user in localStorage. */
async function signIn(port: number, origin: string, username: string | null): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = browser.contexts()[0]!.pages()[0] ?? (await browser.contexts()[0]!.newPage());
  // A same-origin URL that loads none of the console, and an empty HTTP cache: Lighthouse keeps both
  // when told to keep storage, and a warm cache would make every page look free.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.goto(`${origin}/healthz`);
  if (username) {
    const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'jiangxin-demo' }) });
    const { token, user } = (await res.json()) as { token: string; user: unknown };
    // A string, evaluated in the page: this script is typed for node, without the DOM's globals.
    await page.evaluate(`localStorage.clear(); localStorage.setItem('jx.token', ${JSON.stringify(token)}); localStorage.setItem('jx.user', ${JSON.stringify(JSON.stringify(user))});`);
  } else {
    await page.evaluate('localStorage.clear()');
  }
  await page.goto('about:blank');
  await browser.close();
}

async function main() {
  if (!existsSync(CHROME)) throw new Error(`没有找到 Chromium：${CHROME}（apt-get install -y chromium，或设置 CHROME_PATH）`);
  await ensureWebBuilt({ report: false });
  const engine = await startEngine();
  await apiLogin(engine.url, 'craftsman.demo'); // the demo data is in place
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
  const rows: string[] = [];
  let failed = 0;
  try {
    // `npm run bench:web -- /board /inbox` measures only those paths.
    const only = process.argv.slice(2).filter((a) => a.startsWith('/'));
    for (const p of PAGES.filter((x) => !only.length || only.includes(x.path))) {
      await signIn(chrome.port, engine.url, p.as);
      const result = await lighthouse(`${engine.url}${p.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        // Keep the token just put into localStorage; Lighthouse clears the origin's storage by default.
        disableStorageReset: true,
        onlyCategories: p.performance ? ['performance', 'accessibility'] : ['accessibility'],
      });
      if (!result) throw new Error(`Lighthouse 没有返回结果：${p.path}`);
      const { categories, audits } = result.lhr;
      const a11y = Math.round((categories.accessibility?.score ?? 0) * 100);
      const perf = p.performance ? Math.round((categories.performance?.score ?? 0) * 100) : null;
      const tti = p.performance ? (audits.interactive?.numericValue ?? NaN) : null;
      const fcp = p.performance ? (audits['first-contentful-paint']?.numericValue ?? NaN) : null;
      const bytes = p.performance ? (audits['total-byte-weight']?.numericValue ?? NaN) : null;
      const misses = [
        perf !== null && perf < TARGETS.performance ? `性能 < ${TARGETS.performance}` : '',
        tti !== null && tti > TARGETS.interactiveMs ? `可交互 > ${TARGETS.interactiveMs / 1000} 秒` : '',
        a11y < TARGETS.accessibility ? `无障碍 < ${TARGETS.accessibility}` : '',
      ].filter(Boolean);
      if (misses.length) failed += 1;
      const failingAudits = Object.values(audits).filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0 && result.lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id));
      const failing = failingAudits.map((a) => a.id);
      for (const a of failingAudits) {
        const items = (a.details as { items?: Array<{ node?: { selector?: string; snippet?: string } }> } | undefined)?.items ?? [];
        for (const item of items.slice(0, 4)) console.log(`    ${p.path} ${a.id}: ${item.node?.selector ?? ''} ${item.node?.snippet?.slice(0, 160) ?? ''}`);
      }
      rows.push(
        `  ${p.name.padEnd(14)} ${p.path.padEnd(11)} 性能 ${perf ?? '—'}  可交互 ${tti === null ? '—' : `${(tti / 1000).toFixed(1)} 秒`}  首次内容绘制 ${fcp === null ? '—' : `${(fcp / 1000).toFixed(1)} 秒`}  传输 ${bytes === null ? '—' : `${(bytes / 1024).toFixed(0)} KB`}  无障碍 ${a11y}${failing.length ? `（未通过：${failing.join(', ')}）` : ''}${misses.length ? `  ✗ ${misses.join('，')}` : '  ✓'}`,
      );
    }
  } finally {
    chrome.kill();
    await engine.stop();
  }
  const [one, five] = loadavg();
  console.log(`Lighthouse 移动端（模拟慢速 4G、CPU 降速 4 倍）；目标：性能 ≥ ${TARGETS.performance}、可交互 ≤ ${TARGETS.interactiveMs / 1000} 秒、无障碍 ≥ ${TARGETS.accessibility}`);
  console.log(rows.join('\n'));
  console.log(`本机负载（load average 1/5 分钟）：${one!.toFixed(2)} / ${five!.toFixed(2)}，2 核共用：负载高时性能分与时间不可作准`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('bench:web 失败:', error instanceof Error ? error.message : error);
  process.exit(1);
});
