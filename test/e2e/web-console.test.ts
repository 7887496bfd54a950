import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { webConsoleMiddleware } from '../../src/http/web-console.js';
import { pickEncoding } from '../../src/http/precompressed.js';

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
  // What the build's precompress plugin writes beside each text file: distinguishable bodies per encoding.
  const script = 'console.log("原文");'.repeat(200);
  writeFileSync(join(dist, 'assets/login-def456.js'), script);
  writeFileSync(join(dist, 'assets/login-def456.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets/login-def456.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'index.html.gz'), gzipSync('<!doctype html><div id="root"></div>'));
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const raw = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  };
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('when a hashed asset is asked for, then it is cached for a year as immutable', async () => {
    const res = await request(appWith(dist)).get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('when the browser accepts brotli, then a hashed asset goes out as the build\'s .br copy, still immutable, typed as JavaScript', async () => {
    const res = await request(appWith(dist)).get('/assets/login-def456.js').set('accept-encoding', 'gzip, deflate, br').buffer(true).parse(raw);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    // supertest decodes the body; the length on the wire is the .br file's.
    expect(Number(res.headers['content-length'])).toBe(brotliCompressSync(script).length);
    expect((res.body as Buffer).toString()).toBe(script);
  });

  it('when the browser accepts only gzip or nothing, then it gets the .gz copy or the file itself', async () => {
    const gz = await request(appWith(dist)).get('/assets/login-def456.js').set('accept-encoding', 'gzip').buffer(true).parse(raw);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(gzipSync(script).length);
    expect((gz.body as Buffer).toString()).toBe(script);
    const plain = await request(appWith(dist)).get('/assets/login-def456.js').set('accept-encoding', 'identity').buffer(true).parse(raw);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect((plain.body as Buffer).toString()).toBe(script);
    const page = await request(appWith(dist)).get('/inbox').set('accept', 'text/html').set('accept-encoding', 'gzip, br').buffer(true).parse(raw);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('when Accept-Encoding ranks or refuses encodings, then the server honours the q-values', () => {
    const all = () => true;
    expect(pickEncoding('gzip, deflate, br, zstd', all)).toBe('br');
    expect(pickEncoding('br;q=0.5, gzip', all)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0', all)).toBeNull();
    expect(pickEncoding('*', all)).toBe('br');
    expect(pickEncoding('gzip, br', (e) => e === 'gzip')).toBe('gzip');
    expect(pickEncoding(undefined, all)).toBeNull();
  });

  it('when /favicon.ico or a missing file is asked for, then the answer is the icon or a 404, never the page', async () => {
    const ico = await request(appWith(dist)).get('/favicon.ico').set('accept', 'image/avif,image/webp,*/*');
    expect(ico.status).toBe(301);
    expect(ico.headers.location).toBe('/favicon.svg');
    const svg = await request(appWith(dist)).get('/favicon.svg');
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    const robots = await request(appWith(dist)).get('/robots.txt').set('accept', '*/*');
    expect(robots.status).toBe(404);
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
