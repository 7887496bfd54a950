import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { webConsoleMiddleware } from '../../src/http/web-console.js';
import { distDir } from '../../scripts/web-build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The embedded adapters only: no Redis, MongoDB or Meilisearch from the developer's shell. */
function engineEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ['REDIS_URL', 'MONGODB_URI', 'MEILI_URL', 'MEILISEARCH_URL', 'MEILI_MASTER_KEY']) delete env[key];
  return env;
}

export interface Engine {
  url: string;
  dataDir: string;
  /** Stops the engine and removes its data directory, unless `keepData` (a test restarts on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  output(): string;
}

/**
 * Starts `npx tsx src/main.ts` on a fresh data directory (or on `dataDir`, to restart on what an
 * earlier engine left) and a free port; resolves once /healthz answers.
 */
export async function startEngine(options: { dataDir?: string } = {}): Promise<Engine> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jx-e2e-'));
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: root,
    env: engineEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`engine exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      // Healthy and seeded: the demo accounts exist once the banner is printed.
      if (res.ok && log.includes('已启动')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`engine did not become healthy in 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir,
    output: () => log,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ConsoleHost {
  url: string;
  /** 'engine' when the engine serves the console itself; 'proxy' when this test hosts it in front of the engine. */
  mode: 'engine' | 'proxy';
  stop(): Promise<void>;
}

/**
 * Where the browser opens the console. When the engine already mounts `webConsoleMiddleware`, that is
 * the engine itself; until it does, a same-origin host here serves the built files with the same
 * middleware and forwards `/api` to the engine unchanged.
 */
export async function consoleHost(engineUrl: string): Promise<ConsoleHost> {
  const res = await fetch(`${engineUrl}/board`, { headers: { accept: 'text/html' } });
  const body = await res.text();
  if (res.ok && body.includes('<div id="root">')) return { url: engineUrl, mode: 'engine', stop: async () => {} };
  const app = express();
  app.use(helmet()); // the engine's headers, CSP included, so the console is tested under them
  app.use(async (req, res, next) => {
    if (!/^\/(api|healthz)(\/|$)/.test(req.path)) return next();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers.set(k, v);
    const upstream = await fetch(`${engineUrl}${req.originalUrl}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.status(upstream.status);
    upstream.headers.forEach((v, k) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) res.setHeader(k, v);
    });
    res.send(Buffer.from(await upstream.arrayBuffer()));
  });
  app.use(webConsoleMiddleware(distDir));
  const port = await freePort();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${port}`, mode: 'proxy', stop: () => new Promise((r) => server.close(() => r())) };
}

/** Signs in through the API (for setup and cross-checks, never for what the test asserts through the UI). */
export async function apiLogin(engineUrl: string, username: string, password = 'jiangxin-demo'): Promise<string> {
  const res = await fetch(`${engineUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiCall<T>(engineUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${engineUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A new browser context signed in to the console as `username`; the context joins `contexts` so the suite closes it. */
export async function signInPage(browser: Browser, consoleUrl: string, contexts: BrowserContext[], username: string, options: { password?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.warn(`[${username}] page error: ${e.message}`));
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(options.password ?? 'jiangxin-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** Debian's Chromium, headless, with the flags every browser test uses (no sandbox, GPU, QUIC or background traffic). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}
