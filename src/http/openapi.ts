import { POLICY, isPublic, type Grant } from '../domain/access/policy.js';
import { errorComponent, jsonSchema, responsesOf } from './openapi-responses.js';
import type { RouteSpec } from './route.js';

function parametersOf(spec: RouteSpec) {
  const out: Array<Record<string, unknown>> = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

/** `GET /api/orders/{id}/candidates` → `getApiOrdersIdCandidates`. */
export const operationIdOf = (spec: Pick<RouteSpec, 'method' | 'path'>) =>
  `${spec.method}${spec.path.replace(/:([A-Za-z]+)/g, '$1').replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}`;

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests and describe answers. */
export function buildOpenApi(specs: RouteSpec[], info: { title: string; version: string; description: string }, extra: { webhooks?: Record<string, unknown>; schemas?: Record<string, unknown>; paths?: Record<string, Record<string, unknown>> } = {}) {
  const paths: Record<string, Record<string, unknown>> = { ...extra.paths };
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const open = isPublic(spec.action);
    const operation: Record<string, unknown> = {
      operationId: operationIdOf(spec),
      summary: spec.summary,
      tags: [spec.tag],
      parameters: parametersOf(spec),
      responses: responsesOf(spec),
    };
    if (!open) operation.security = [{ bearer: [] }];
    const grant: Grant = POLICY[spec.action];
    const who = Object.entries(grant).map(([kind, reach]) => `${kind}（${reach}）`);
    operation.description = `权限 ${spec.action}：${open ? '公开' : who.join(', ')}`;
    if (spec.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } };
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: errorComponent, ...extra.schemas } },
    paths,
    ...(extra.webhooks ? { webhooks: extra.webhooks } : {}),
  };
}
