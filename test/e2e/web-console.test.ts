import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { webConsoleMiddleware } from '../../src/http/web-console.js';

function appWith(distDir: string) {
  const app = express();
  app.use(helmet());
  app.use(webConsoleMiddleware(distDir));
  app.use((req, res) => {
    res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND', message: `没有这个接口：${req.method} ${req.path}` } });
  });
  return app;
}

describe('web console middleware', () => {
  const dist = mkdtempSync(join(tmpdir(), 'jx-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dist, 'assets/index-abc123.js'), 'console.log(1)');
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('when a hashed asset is asked for, then it is cached for a year as immutable', async () => {
    const res = await request(appWith(dist)).get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('when a console route is opened directly, then index.html answers without caching', async () => {
    for (const path of ['/', '/board', '/orders/ord_1', '/craftsmen/cra_1/edit']) {
      const res = await request(appWith(dist)).get(path).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('when the API, the docs, probes or a missing asset are asked for, then the console stays out of the way', async () => {
    for (const path of ['/api/nothing', '/docs/x', '/healthz', '/readyz', '/admin/queues', '/assets/missing.js']) {
      const res = await request(appWith(dist)).get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    }
    const post = await request(appWith(dist)).post('/board');
    expect(post.status).toBe(404);
  });

  it('when the page is served over plain HTTP, then helmet\'s CSP keeps script-src \'self\' but not upgrade-insecure-requests (assets would go to HTTPS)', async () => {
    const res = await request(appWith(dist)).get('/board');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const api = await request(appWith(dist)).get('/api/nothing');
    expect(String(api.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('when the console is not built, then a zh-CN page says how to build it', async () => {
    const res = await request(appWith(join(dist, 'nope'))).get('/board');
    expect(res.status).toBe(503);
    expect(res.text).toContain('匠心控制台尚未构建');
    expect(res.text).toContain('npm run build');
    expect(res.text).not.toMatch(/<script/i);
  });
});
