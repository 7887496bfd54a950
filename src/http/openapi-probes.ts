import { errorCatalogue, type ErrorCode } from '../domain/api/error-catalogue.js';
import { healthAnswerSchema, readinessAnswerSchema } from '../domain/api/probes.js';
import { jsonSchema } from './openapi-responses.js';

const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });
const refused = (description: string, codes: ErrorCode[]) =>
  json({ allOf: [{ $ref: '#/components/schemas/Error' }], properties: { error: { properties: { code: { enum: codes } } } } }, `${description}。错误码：${codes.map((c) => `\`${c}\` ${errorCatalogue[c].message}`).join('；')}`);

/**
 * `/healthz`, `/readyz` and `/metrics`: outside `/api`, answered by the app itself rather than by route
 * specs, documented here with the same zod schemas their handlers are typed by.
 */
export function probeDocs(): Record<string, Record<string, unknown>> {
  const tags = ['运维'];
  return {
    '/healthz': {
      get: { operationId: 'getHealthz', summary: '存活探针', tags, description: '公开。进程在运行即回答 200，不检查依赖。', responses: { '200': json(jsonSchema(healthAnswerSchema, 'output'), '进程存活') } },
    },
    '/readyz': {
      get: {
        operationId: 'getReadyz',
        summary: '就绪探针',
        tags,
        description: '公开。各端口（存储、检索、队列、发件箱）的状态；存储不可用时回答 503，检索或队列降级时仍回答 200（status 为 degraded）。',
        responses: { '200': json(jsonSchema(readinessAnswerSchema, 'output'), '可以服务（ready 或 degraded）'), '503': json(jsonSchema(readinessAnswerSchema, 'output'), '不可服务（unavailable）：至少一个必需端口不可用') },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: '运行指标（Prometheus 文本格式）',
        tags,
        description: '需要 `Authorization: Bearer <METRICS_TOKEN>`，或系统管理员的登录令牌。设置 METRICS_PORT 时，另一端口上的 /metrics 不要求令牌。',
        security: [{ bearer: [] }],
        responses: {
          '200': { description: 'Prometheus 文本格式（text/plain; version=0.0.4）的指标', content: { 'text/plain': { schema: { type: 'string' } } } },
          '401': refused('未提供令牌或令牌无效', ['TOKEN_MISSING', 'TOKEN_INVALID']),
          '403': refused('登录令牌不属于系统管理员', ['ACTION_NOT_ALLOWED']),
        },
      },
    },
  };
}
