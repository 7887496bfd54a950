import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Actor, Role } from '../domain/users/user.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/** One endpoint: its schemas validate the request and generate its OpenAPI entry, so they cannot drift. */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path: `/api/orders/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed at all (others get 403); `public` needs no token. Default: any signed-in user. */
  roles?: readonly Role[] | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Success status (default 200). */
  status?: number;
  /** Documented response body schema (optional). */
  response?: z.ZodType;
  /** Error codes this route may answer with, for the docs. */
  errors?: string[];
  /** Returns the JSON body; returning `undefined` means the handler wrote the response itself. */
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}

export const defineRoute = <P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec => spec as unknown as RouteSpec;

export type Authenticate = (req: Request) => Promise<Actor | null>;

const anonymous: Actor = { userId: 'anonymous', role: 'admin', displayName: '匿名' };

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body'): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError({
    kind: 'invalid',
    code: 'VALIDATION_FAILED',
    message: `请求参数不正确：${result.error.issues.map((i) => `${[where, ...i.path].join('.')} ${i.message}`).join('；')}`,
    details: result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), code: i.code, message: i.message })),
  });
}

/** Mounts the routes on `router`: authenticate, authorise by role, validate, call, send. */
export function mountRoutes(router: Router, specs: RouteSpec[], authenticate: Authenticate): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      let actor = anonymous;
      if (spec.roles !== 'public') {
        const found = await authenticate(req);
        if (!found) throw new AppError({ kind: 'unauthorized', code: 'TOKEN_MISSING', message: '请先登录（缺少 Authorization: Bearer 令牌）' });
        actor = found;
        if (spec.roles && !spec.roles.includes(actor.role)) throw new AppError({ kind: 'forbidden', code: 'ACTION_NOT_ALLOWED', message: '当前角色无权执行此操作' });
      }
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ actor, params, query, body, req, res });
      if (result !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(result);
    });
  }
}

/** `a,b` or repeated `?x=a&x=b` → ['a','b'], each item validated by `item`. */
export const listParam = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const values = Array.isArray(v) ? v : [v];
    return values.flatMap((x) => (typeof x === 'string' ? x.split(',').filter(Boolean) : [x]));
  }, z.array(item).max(20).optional());

export const idParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确') });
