import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { precompressedStatic, sendPrecompressed } from './precompressed.js';

/** Paths the console never answers: the API, the docs, probes and the queue board keep their own 404s. */
const NOT_CONSOLE = /^\/(api|docs|admin|healthz|readyz)(\/|$)/;

const notBuiltPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>匠心控制台尚未构建</title></head>
<body style="font-family: sans-serif; max-width: 640px; margin: 64px auto; padding: 0 16px; line-height: 1.7">
<h1>匠心控制台尚未构建</h1>
<p>如果引擎刚刚启动，控制台可能正在构建（通常 5–20 秒），请稍后刷新。</p>
<p>引擎正在运行，API 可以正常使用（<a href="/docs">API 文档</a>），但网页控制台的文件还没有生成。</p>
<p>在项目目录中运行下面的命令构建控制台，然后刷新本页：</p>
<pre style="background:#f5f5f5; padding: 12px">npm run build</pre>
<p>（<code>npm start</code> 在构建缺失或过期时会先构建；直接用 tsx 运行源码时，请运行 <code>npm run build:web</code>。）</p>
</body></html>`;

/**
 * helmet's default CSP carries `upgrade-insecure-requests`: over plain HTTP on anything but localhost
 * (a county office opening http://10.0.0.5:3000) the browser would fetch /assets over HTTPS and get
 * nothing. The console's own responses drop that one directive when the request did not come over
 * TLS; every other directive (script-src 'self', …) stays as helmet set it.
 */
function allowPlainHttpAssets(req: Request, res: Response): void {
  if (req.secure) return;
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp !== 'string') return;
  const kept = csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && d !== 'upgrade-insecure-requests');
  res.setHeader('Content-Security-Policy', kept.join(';'));
}

/** A request for a file (`/favicon.ico`, `/robots.txt`) rather than a page: a missing one is a 404, never the page's HTML. */
const isFileRequest = (req: Request) => /\.[a-z0-9]{1,12}$/i.test(req.path) && !(req.headers.accept ?? '').includes('text/html');

/**
 * Serves the built console (src/web/dist) at `/`: hashed files under /assets cached for a year,
 * index.html never cached, and every other GET that is not the API or the docs answered with
 * index.html so the browser router can take it. Text files go out as the build's brotli or gzip
 * copy when the browser accepts one. Without a build, a zh-CN page says how to make one.
 */
export function webConsoleMiddleware(distDir: string): Router {
  const router = express.Router();
  const index = join(distDir, 'index.html');
  const isPageRequest = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !NOT_CONSOLE.test(req.path);

  router.use('/assets', precompressedStatic(join(distDir, 'assets'), { index: false, fallthrough: true, immutable: true, maxAge: '365d' }));
  // Browsers and bots ask for /favicon.ico whatever the page links; the console's icon is an SVG.
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));
  router.use(
    precompressedStatic(distDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => {
        res.setHeader('Cache-Control', 'no-cache');
        allowPlainHttpAssets(res.req, res);
      },
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!isPageRequest(req) || req.path.startsWith('/assets/') || isFileRequest(req)) return next();
    allowPlainHttpAssets(req, res);
    if (!existsSync(index)) {
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(notBuiltPage);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    sendPrecompressed(req, res, index);
  });
  return router;
}
