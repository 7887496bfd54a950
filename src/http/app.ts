import { createRequire } from 'node:module';
import express, { type Express, type Request } from 'express';
import compression from 'compression';
import type { Logger } from '../logger.js';
import type { Actor } from '../domain/users/user.js';
import type { HealthAnswer, PortStatus, ReadinessAnswer } from '../domain/api/probes.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { apiDocument } from './api-document.js';
import { routeTable, type RouteSpec } from './route.js';
import { docsPage } from './docs-page.js';
import { requestLog } from './request-log.js';
import { isApiPath, securityHeaders } from './security-headers.js';

export type { PortStatus } from '../domain/api/probes.js';

export interface AppDeps {
  logger: Logger;
  bodyLimit: string;
  routes: RouteSpec[];
  authenticate: (token: string) => Promise<Actor>;
  readiness: () => Promise<Record<string, PortStatus>>;
  /** Extra routers mounted before the API (e.g. the queue board for admins). */
  extraMounts?: Array<{ path: string; handler: express.RequestHandler | express.Router }>;
  /** Routers that see only what the API did not answer (the web console and its fallback page). */
  afterApi?: Array<{ path: string; handler: express.RequestHandler | express.Router }>;
  version?: string;
  /** Request timing and the guarded `/metrics` route (Prometheus). */
  metrics?: { requests: express.RequestHandler; route: express.RequestHandler };
}

/** The HTTP shell: security headers, request ids, logs, JSON bodies, the API routes, docs, one error handler. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are per user and change with every transition: a body hash per response buys nothing.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  // The engine is often reached over plain HTTP on a LAN: upgrading sub-requests to HTTPS would break the console and docs.
  app.use(securityHeaders({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (deps.metrics) app.use(deps.metrics.requests);
  app.use(requestLog(deps.logger));
  app.use(express.json({ limit: deps.bodyLimit, strict: true }));
  // API answers carry phone numbers, names and tokens: no browser or proxy may keep a copy.
  // JSON lists (inbox, board, candidates) compress 5–10×; on a slow mobile link that is most of the wait. The
  // expressjs middleware negotiates br/gzip, sets Vary, skips bodies under 1 KB and `Cache-Control: no-transform`,
  // which a hand-written zlib wrapper would have to get right again. Static files are precompressed at build instead.
  // One unmounted middleware for both: a mount path costs the router a prefix cut and restore per request.
  const compress = compression({ threshold: 1024 });
  app.use((req, res, next) => {
    if (!isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-store');
    compress(req, res, next);
  });
  // Query strings are parsed flat: `status[$ne]=x` stays a literal key, never an operator object.
  app.set('query parser', 'simple');

  // The API first: its requests are most of the traffic and need not walk past the health, docs and board routes.
  app.use(
    routeTable(deps.routes, async (req: Request) => {
      const header = req.headers.authorization;
      if (!header) return null;
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match?.[1]) return null;
      return deps.authenticate(match[1].trim());
    }),
  );

  const health: HealthAnswer = { status: 'ok' };
  app.get('/healthz', (_req, res) => {
    res.json(health);
  });
  if (deps.metrics) app.get('/metrics', deps.metrics.route);
  app.get('/readyz', async (_req, res) => {
    const ports = await deps.readiness();
    const ready = Object.values(ports).every((p) => p.ok || p.state === 'degraded');
    const answer: ReadinessAnswer = { status: ready ? (Object.values(ports).some((p) => p.state === 'degraded') ? 'degraded' : 'ready') : 'unavailable', ports };
    res.status(ready ? 200 : 503).json(answer);
  });

  const openapi = apiDocument(deps.routes, deps.version);
  // Kept on the app too, so the API tests can check every answer against the document it serves.
  app.locals.openapi = openapi;
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const swaggerDir = createRequire(import.meta.url).resolve('swagger-ui-dist/package.json').replace(/package\.json$/, '');
  app.use('/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage.html);
  });
  app.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(docsPage.script);
  });

  for (const mount of deps.extraMounts ?? []) app.use(mount.path, mount.handler);

  for (const mount of deps.afterApi ?? []) app.use(mount.path, mount.handler);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
