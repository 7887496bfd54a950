import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../domain/users/user.js';
import type { EngineMetrics } from '../metrics/engine-metrics.js';

/**
 * The route label of a finished request: the matched route's pattern (`/api/orders/:id`), so one
 * label per route however many ids pass through. What no route matched (console files, 404s) shares
 * one label each.
 */
export function routeLabel(req: Request, status: number): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (status === 404) return 'unmatched';
  if (req.originalUrl.startsWith('/admin/queues')) return '/admin/queues';
  if (req.originalUrl.startsWith('/docs')) return '/docs';
  return 'console';
}

/** Times every request into the duration histogram when it finishes. */
export function requestMetrics(metrics: Pick<EngineMetrics, 'observeRequest'>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      metrics.observeRequest({ method: req.method, route: routeLabel(req, res.statusCode), status: res.statusCode, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
    next();
  };
}

const refuse = (res: Response, status: number, code: string, message: string) => void res.status(status).json({ error: { code, message } });

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in the Prometheus text format. Prometheus sends `Authorization: Bearer <METRICS_TOKEN>`;
 * an admin's login token is accepted too (a person looking once). Anything else is refused.
 */
export function metricsRoute(input: { metrics: Pick<EngineMetrics, 'registry'>; token?: string; authenticate: (token: string) => Promise<Actor> }): RequestHandler {
  return async (req, res) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!bearer) return refuse(res, 401, 'TOKEN_MISSING', '请提供监控令牌（METRICS_TOKEN）或管理员登录凭证');
    if (!(input.token && sameSecret(bearer, input.token))) {
      let actor: Actor;
      try {
        actor = await input.authenticate(bearer);
      } catch {
        return refuse(res, 401, 'TOKEN_INVALID', '监控令牌或登录凭证无效');
      }
      if (actor.role !== 'admin') return refuse(res, 403, 'ACTION_NOT_ALLOWED', '只有系统管理员可以查看运行指标');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(input.metrics.registry.contentType).send(await input.metrics.registry.metrics());
  };
}
