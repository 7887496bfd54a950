import { webhookEventTypes } from '../domain/notifications/notification.js';
import { webhookMessageSchema, webhookSignatureDescription } from '../domain/api/webhooks.js';
import { jsonSchema } from './openapi-responses.js';

const header = (name: string, description: string, example: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' }, example });

/** OpenAPI 3.1 `webhooks`: one entry per event type a union org's group robot receives, all with the same signed body. */
export function webhookDocs() {
  const body = { $ref: '#/components/schemas/WebhookMessage' };
  const webhooks: Record<string, unknown> = {};
  for (const type of webhookEventTypes()) {
    webhooks[type] = {
      post: {
        operationId: `webhook_${type.replace(/\./g, '_')}`,
        summary: `群机器人消息：${type}`,
        description: webhookSignatureDescription,
        tags: ['Webhook'],
        parameters: [
          header('X-Jiangxin-Signature', '对原始请求体的 HMAC-SHA256 签名', 'sha256=5d41402abc4b2a76b9719d911017c592...'),
          header('X-Jiangxin-Timestamp', '签名时间（Unix 秒）', '1764662400'),
          header('X-Jiangxin-Event', '事件类型', type),
          header('X-Jiangxin-Delivery', '投递 id（<事件 id>:<组织 id>）', 'evt_01:org_522701'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: body } } },
        responses: { '200': { description: '已接收（群机器人答复 errcode 0 或任何 2xx）' } },
      },
    };
  }
  return { webhooks, schemas: { WebhookMessage: jsonSchema(webhookMessageSchema, 'output') } };
}
