import { appendFileSync } from 'node:fs';
import type { Express } from 'express';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request, { type Response } from 'supertest';

/**
 * Every answer a test receives is checked against the engine's own OpenAPI document: the status must be
 * listed for the operation, and a JSON body must validate against the schema documented for that status.
 * A mismatch fails the request's promise, so the test that made the call fails and says why.
 */

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}
interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  /** Literal segments first: `/api/craftsmen/flags` wins over `/api/craftsmen/{id}`. */
  params: number;
  operation: Operation;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Answers outside the documented API (docs, the console, the document itself); the probes and /metrics are documented and checked. */
const UNDOCUMENTED = /^\/(?!api\/|healthz$|readyz$|metrics$)|^\/api\/openapi\.json$/;

interface Checker {
  check(method: string, url: string, res: Response): void;
}

const checkers = new WeakMap<object, Checker>();

function buildChecker(doc: OpenApiDoc): Checker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const routes: Route[] = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method,
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
        operation,
      })),
    )
    .sort((a, b) => a.params - b.params);
  const compiled = new Map<object, ValidateFunction>();
  const validatorFor = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) {
      // The document's components travel with each schema so `#/components/schemas/…` resolves.
      validate = ajv.compile({ ...schema, components: doc.components });
      compiled.set(schema, validate);
    }
    return validate;
  };

  return {
    check(method, url, res) {
      const path = new URL(url, 'http://test').pathname;
      if (UNDOCUMENTED.test(path)) return;
      const route = routes.find((r) => r.method === method && r.pattern.test(path));
      const name = route ? `${method.toUpperCase()} ${route.path}` : `${method.toUpperCase()} ${path}`;
      const errorSchema = { $ref: '#/components/schemas/Error' };
      // Express answers unknown routes itself (ROUTE_NOT_FOUND); that body must still be the documented error.
      const documented = route ? route.operation.responses?.[String(res.status)] : res.status === 404 ? { content: { 'application/json': { schema: errorSchema } } } : undefined;
      if (!documented) throw new Error(`OpenAPI: ${name} answered ${res.status}, a status its document does not list (${Object.keys(route?.operation.responses ?? {}).join(', ')})`);
      const contentType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
      const media = documented.content ?? {};
      if (res.status === 204 || (!contentType && Object.keys(media).length === 0)) return record(name, res.status);
      if (!(contentType in media)) throw new Error(`OpenAPI: ${name} ${res.status} answered ${contentType || 'no content type'}, the document lists ${Object.keys(media).join(', ') || 'no body'}`);
      const schema = media[contentType]?.schema;
      if (contentType !== 'application/json') return record(name, res.status);
      if (!schema || Object.keys(schema).length === 0) throw new Error(`OpenAPI: ${name} ${res.status} has no documented body schema`);
      const validate = validatorFor(schema);
      if (!validate(res.body)) {
        const problems = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`);
        throw new Error(`OpenAPI: ${name} ${res.status} body does not match its documented schema:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(res.body).slice(0, 600)}`);
      }
      record(name, res.status);
    },
  };
}

/** With OPENAPI_CHECK_LOG set, each validated answer is one line there (to count them across test files). */
function record(name: string, status: number): void {
  const log = process.env.OPENAPI_CHECK_LOG;
  if (log) appendFileSync(log, `${name} ${status}\n`);
}

function checkerFor(app: Express): Checker {
  let checker = checkers.get(app);
  if (!checker) {
    const doc = app.locals.openapi as OpenApiDoc | undefined;
    if (!doc) throw new Error('OpenAPI check: the app has no document in app.locals.openapi');
    checker = buildChecker(doc);
    checkers.set(app, checker);
  }
  return checker;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** `supertest(app)`, with every answer checked against the app's OpenAPI document. */
export function checkedRequest(app: Express): ReturnType<typeof request> {
  const agent = request(app);
  const checker = checkerFor(app);
  for (const method of METHODS) {
    const original = agent[method].bind(agent) as (url: string) => request.Test;
    (agent as unknown as Record<string, unknown>)[method] = (url: string) => original(url).expect((res: Response) => checker.check(method, url, res));
  }
  return agent;
}
