import { z } from 'zod';
import { POLICY, isPublic, type Grant } from '../domain/access/policy.js';
import type { RouteSpec } from './route.js';

const STATUS_TEXT: Record<number, string> = { 400: '请求参数不正确', 401: '未登录或登录已过期', 403: '当前角色无权执行此操作', 404: '不存在或不在权限范围内', 409: '状态冲突或并发竞争失败' };

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

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

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(specs: RouteSpec[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const success = String(spec.status ?? 200);
    const responses: Record<string, unknown> = {
      [success]: { description: 'OK', ...(spec.response ? { content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } } : {}) },
    };
    const open = isPublic(spec.action);
    const codes = [400, ...(open ? [] : [401, 403]), 404, 409];
    for (const code of codes) responses[String(code)] = { description: STATUS_TEXT[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const operation: Record<string, unknown> = {
      operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}`,
      summary: spec.summary,
      tags: [spec.tag],
      parameters: parametersOf(spec),
      responses,
    };
    if (!open) operation.security = [{ bearer: [] }];
    const grant: Grant = POLICY[spec.action];
    const who = Object.entries(grant).map(([kind, reach]) => `${kind}（${reach}）`);
    operation.description = `权限 ${spec.action}：${open ? '公开' : who.join(', ')}${spec.errors?.length ? `\n\n错误码：${spec.errors.join(', ')}` : ''}`;
    if (spec.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } };
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: errorBody } },
    paths,
  };
}
