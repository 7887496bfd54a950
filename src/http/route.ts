import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { authorize, isPublic, type PolicyAction } from '../domain/access/policy.js';
import type { Actor } from '../domain/users/user.js';
import { idempotencyKeySchema } from '../domain/orders/order.js';
import type { ErrorCode } from '../domain/api/error-catalogue.js';

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
  /** The policy action this endpoint takes (`POLICY` in domain/access/policy.ts decides who may, and whether a token is needed). */
  action: PolicyAction;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Success status (default 200; 204 answers without a body). */
  status?: number;
  /** A retry with the same Idempotency-Key answers the first result with this status instead (documented beside `status`). */
  replayStatus?: number;
  /**
   * The success answer: the zod schema of its JSON body (built from the stored shapes in domain/api), or a
   * file download. Every operation declares one; the OpenAPI test names any that does not.
   */
  response?: z.ZodType | FileAnswer;
  /** Error codes this route may answer with (from the catalogue); the OpenAPI document lists them by status. */
  errors?: ErrorCode[];
  /** Returns the JSON body; returning `undefined` means the handler wrote the response itself. */
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}

/** A success answer that is a file rather than JSON (exports, backups). */
export interface FileAnswer {
  mediaTypes: string[];
  description: string;
}

export const isFileAnswer = (answer: RouteSpec['response']): answer is FileAnswer => typeof answer === 'object' && answer !== null && 'mediaTypes' in answer;

export const defineRoute = <P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec => spec as unknown as RouteSpec;

export type Authenticate = (req: Request) => Promise<Actor | null>;

/** A request without a token: no role, so the policy grants it public actions only. */
const anonymous: Actor = { userId: 'anonymous', role: 'anonymous', displayName: '匿名' };

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body' | 'headers'): T {
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

/** Mounts the routes on `router`: authenticate, authorise by the policy, validate, call, send. */
export function mountRoutes(router: Router, specs: RouteSpec[], authenticate: Authenticate): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      let actor = anonymous;
      if (!isPublic(spec.action)) {
        const found = await authenticate(req);
        if (!found) throw new AppError({ kind: 'unauthorized', code: 'TOKEN_MISSING', message: '请先登录（缺少 Authorization: Bearer 令牌）' });
        actor = found;
      }
      authorize(actor, spec.action);
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ actor, params, query, body, req, res });
      if (result !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(result);
    });
  }
}

/**
 * The path's first segment after `/api/`, lower-cased as Express matches routes (`orders` for
 * `/api/orders/:id` and `/API/Orders/x`); null when the path has no such segment.
 */
export function apiGroupOf(path: string): string | null {
  if (path.length < 5 || path.slice(0, 5).toLowerCase() !== '/api/') return null;
  const end = path.indexOf('/', 5);
  const group = (end === -1 ? path.slice(5) : path.slice(5, end)).toLowerCase();
  return group === '' || group.startsWith(':') ? null : group;
}

/**
 * The API's routes as one handler: a router per first path segment (`orders`, `orgs`, …), picked by
 * a map look-up, so a request is matched against its own group's few routes instead of walking every
 * route the engine has. Routes keep their full paths and their order within a group, and no two
 * groups can match the same path, so what answers a request is what one flat router would pick.
 */
export function routeTable(specs: RouteSpec[], authenticate: Authenticate): RequestHandler {
  const groups = new Map<string, Router>();
  const rest = Router();
  for (const spec of specs) {
    const group = apiGroupOf(spec.path);
    let router = group === null ? rest : groups.get(group);
    if (!router) groups.set(group as string, (router = Router()));
    mountRoutes(router, [spec], authenticate);
  }
  return (req, res, next) => {
    const group = apiGroupOf(req.path);
    const router = (group !== null && groups.get(group)) || rest;
    router(req, res, next);
  };
}

/** The request's Idempotency-Key header, validated (400 VALIDATION_FAILED when malformed); undefined when absent. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return undefined;
  return parse(idempotencyKeySchema, header, 'headers');
}

/** `a,b` or repeated `?x=a&x=b` → ['a','b'], each item validated by `item`. */
export const listParam = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const values = Array.isArray(v) ? v : [v];
    return values.flatMap((x) => (typeof x === 'string' ? x.split(',').filter(Boolean) : [x]));
  }, z.array(item).max(20).optional());

export const idParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确') });
