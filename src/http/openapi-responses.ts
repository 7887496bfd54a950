import { z } from 'zod';
import { errorCatalogue, statusOfKind, type ErrorCode } from '../domain/api/error-catalogue.js';
import { errorBodySchema } from '../domain/api/common.js';
import { isPublic } from '../domain/access/policy.js';
import { isFileAnswer, type RouteSpec } from './route.js';

/**
 * The `responses` of one operation: its success answer, and every error status it can return with the
 * codes each may carry. Codes every operation of a kind can meet (validation, tokens, the policy, the body
 * limit, an internal failure, a backend down) are added here; the route lists its own.
 */

const STATUS_TEXT: Record<number, string> = {
  400: '请求参数不正确',
  401: '未登录、登录已过期或令牌已失效',
  403: '当前角色无权执行此操作',
  404: '不存在或不在权限范围内（不泄露是否存在）',
  409: '状态冲突或并发竞争失败',
  413: '请求体过大',
  429: '请求过于频繁，请按 Retry-After 稍后再试',
  500: '服务器内部错误（details.requestId 为请求 id）',
  503: '依赖的服务暂不可用',
};

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

export const errorComponent = jsonSchema(errorBodySchema, 'output');

/** Codes that any operation of this shape may answer with, besides its own. */
function commonCodes(spec: RouteSpec): ErrorCode[] {
  const codes: ErrorCode[] = ['INTERNAL', 'SERVICE_UNAVAILABLE'];
  const hasBody = spec.method === 'post' || spec.method === 'put' || spec.method === 'patch';
  if (spec.params || spec.query || spec.body) codes.push('VALIDATION_FAILED');
  if (hasBody) codes.push('INVALID_JSON', 'BAD_REQUEST', 'UNSUPPORTED_ENCODING', 'PAYLOAD_TOO_LARGE');
  if (!isPublic(spec.action)) codes.push('TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'ACTION_NOT_ALLOWED');
  return codes;
}

function successResponse(spec: RouteSpec) {
  const answer = spec.response;
  if (!answer || (spec.status ?? 200) === 204) return { description: spec.status === 204 ? '成功，无响应体' : '成功（响应体未声明）' };
  if (isFileAnswer(answer)) return { description: answer.description, content: Object.fromEntries(answer.mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
  const schema = jsonSchema(answer, 'output');
  return { description: typeof schema.description === 'string' ? schema.description : '成功', content: { 'application/json': { schema } } };
}

export function responsesOf(spec: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = { [String(spec.status ?? 200)]: successResponse(spec) };
  // A create that honours Idempotency-Key answers a replayed retry with 200 and the record it made the first time.
  if (spec.replayStatus !== undefined) responses[String(spec.replayStatus)] = { ...successResponse(spec), description: '同一 Idempotency-Key 的重试：返回第一次登记的记录（响应头 Idempotent-Replayed: true）' };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...commonCodes(spec), ...(spec.errors ?? [])])) {
    const status = statusOfKind[errorCatalogue[code].kind];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const listed = codes.map((c) => `\`${c}\` ${errorCatalogue[c].message}`).join('；');
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? '错误'}。错误码：${listed}`,
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Error' }], properties: { error: { properties: { code: { enum: codes } } } } } } },
      ...(status === 429 ? { headers: { 'Retry-After': { description: '多少秒后可以再试', schema: { type: 'integer' } } } } : {}),
    };
  }
  return responses;
}
