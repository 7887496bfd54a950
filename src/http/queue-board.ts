import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue as BullQueue } from 'bullmq';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { Redis } from 'ioredis';
import { may } from '../domain/access/policy.js';
import type { Actor } from '../domain/users/user.js';
import type { Queue } from '../ports/queue.js';

/**
 * The admin queue board at `/admin/queues`.
 *
 * Auth: a browser cannot send `Authorization` while it navigates a UI, so the guard accepts an admin
 * token three ways — the `Authorization: Bearer` header (scripts, curl), a short-lived httpOnly
 * cookie, or once as `?token=<jwt>`: that sets the cookie (SameSite=Strict, path-limited, 15 min)
 * and redirects to the same URL without the token, so it does not stay in history or logs further on.
 */
export const BOARD_COOKIE = 'jx_queue_board';
const COOKIE_MAX_AGE_S = 15 * 60;

const json = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

function cookieToken(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === BOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Lets only admins through; see the module comment for the three ways a token arrives. */
export function adminGuard(authenticate: (token: string) => Promise<Actor>, basePath = '/admin/queues'): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const fromQuery = typeof req.query['token'] === 'string' ? req.query['token'] : undefined;
    const token = bearer ?? fromQuery ?? cookieToken(req);
    if (!token) return void json(res, 401, 'TOKEN_MISSING', '请先以管理员身份登录');
    let actor: Actor;
    try {
      actor = await authenticate(token);
    } catch {
      res.setHeader('Set-Cookie', `${BOARD_COOKIE}=; Path=${basePath}; HttpOnly; SameSite=Strict; Max-Age=0`);
      return void json(res, 401, 'TOKEN_INVALID', '登录凭证无效或已过期，请重新登录');
    }
    if (!may(actor, 'queue_board.read')) return void json(res, 403, 'ACTION_NOT_ALLOWED', '只有系统管理员可以查看任务队列');
    if (fromQuery && !bearer) {
      const secure = req.secure ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${BOARD_COOKIE}=${encodeURIComponent(token)}; Path=${basePath}; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
      const url = new URL(req.originalUrl, 'http://local');
      url.searchParams.delete('token');
      return void res.redirect(303, `${url.pathname}${url.search}`);
    }
    next();
  };
}

export interface QueueBoard {
  router: Router;
  close(): Promise<void>;
}

/**
 * Bull Board over BullMQ queues (mount it at `basePath`, behind `adminGuard`). Opens its own Queue
 * objects on the given Redis (a URL, or an ioredis instance the caller keeps owning).
 */
export function queueBoardRouter(queueNames: readonly string[], connection: string | Redis, options: { prefix?: string; basePath?: string } = {}): QueueBoard {
  const basePath = options.basePath ?? '/admin/queues';
  const redis = typeof connection === 'string' ? new Redis(connection, { maxRetriesPerRequest: null, lazyConnect: true }) : connection;
  // The board is a viewer: while Redis is away its connection retries quietly, the engine logs the outage.
  redis.on('error', () => undefined);
  const queues = queueNames.map((name) => {
    const queue = new BullQueue(name, { connection: redis, prefix: options.prefix ?? 'jiangxin' });
    queue.on('error', () => undefined);
    return queue;
  });
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  const router = express.Router();
  router.use((_req, res, next) => {
    // The board's UI needs inline styles and its own scripts; the API's strict helmet policy would blank it.
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:");
    next();
  });
  router.use(serverAdapter.getRouter() as Router);
  return {
    router,
    async close() {
      await Promise.all(queues.map((q) => q.close()));
      if (typeof connection === 'string') await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** With the inline queue there is no Bull Board: the same path answers counts and failed jobs as JSON. */
export function inlineQueueBoardRouter(queue: Queue, queueNames: readonly string[]): QueueBoard {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const limit = Math.min(Math.max(Number(req.query['limit']) || 20, 1), 100);
    const queues = await Promise.all(queueNames.map(async (name) => ({ name, counts: await queue.counts(name), failed: await queue.failed(name, { limit }) })));
    res.json({ adapter: queue.adapter, queues });
  });
  return { router, close: async () => {} };
}

/**
 * What the composition root mounts at `/admin/queues`: the guard, then Bull Board when the queue is
 * BullMQ and a Redis connection is given, otherwise the JSON listing.
 */
export function queueBoard(input: { queue: Queue; queueNames: readonly string[]; authenticate: (token: string) => Promise<Actor>; redis?: string | Redis; prefix?: string; basePath?: string }): QueueBoard {
  const basePath = input.basePath ?? '/admin/queues';
  const inner = input.queue.adapter === 'bullmq' && input.redis ? queueBoardRouter(input.queueNames, input.redis, { prefix: input.prefix, basePath }) : inlineQueueBoardRouter(input.queue, input.queueNames);
  const router = express.Router();
  router.use(adminGuard(input.authenticate, basePath));
  router.use(inner.router);
  return { router, close: inner.close };
}
