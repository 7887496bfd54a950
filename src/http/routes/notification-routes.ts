import { deliveryListSchema, deliverySchema, notificationListSchema, notificationSchema, readAllSchema, unreadCountSchema, webhookSettingsSchema } from '../../domain/api/work.js';
import { z } from 'zod';
import { deliveryChannels, deliveryStatuses } from '../../domain/notifications/notification.js';
import { webhookInputSchema } from '../../domain/notifications/webhook-message.js';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { NotificationService } from '../../services/notification-service.js';
import type { WebhookService } from '../../services/webhook-service.js';
import { defineRoute, idParams } from '../route.js';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** Delivery ids are `${eventId}:${orgId}` or `${eventId}:sms:${craftsmanId}`. */
const deliveryParams = z.strictObject({ id: z.string().min(1).max(300).regex(/^[A-Za-z0-9_:.-]+$/, 'id 格式不正确') });

export const notificationRoutes = (s: { notifications: NotificationService; webhooks: WebhookService }) => [
  defineRoute({
    method: 'get',
    path: '/api/notifications',
    response: notificationListSchema,
    action: 'notification.list',
    summary: '我的站内消息（最新在前，含未读数）',
    tag: '消息通知',
    query: pageQuerySchema.extend({ unread: flag }).strict(),
    handler: ({ actor, query }) => s.notifications.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notifications/unread-count',
    response: unreadCountSchema,
    action: 'notification.list',
    summary: '我的未读消息数',
    tag: '消息通知',
    handler: ({ actor }) => s.notifications.unreadCount(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notifications/read-all',
    response: readAllSchema,
    action: 'notification.read',
    summary: '全部标为已读',
    tag: '消息通知',
    handler: ({ actor }) => s.notifications.markAllRead(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notifications/:id/read',
    response: notificationSchema,
    action: 'notification.read',
    summary: '标为已读（只能是自己的消息）',
    tag: '消息通知',
    params: idParams,
    errors: ['NOTIFICATION_NOT_FOUND'],
    handler: ({ actor, params }) => s.notifications.markRead(actor, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/webhook',
    response: webhookSettingsSchema,
    action: 'webhook.read',
    summary: '工会组织的群机器人 Webhook 设置（不返回密钥，只返回 hasSecret）',
    tag: '消息通知',
    params: idParams,
    errors: ['ORG_NOT_FOUND'],
    handler: ({ actor, params }) => s.webhooks.getWebhook(actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/orgs/:id/webhook',
    response: webhookSettingsSchema,
    action: 'webhook.write',
    summary: '设置工会组织的群机器人 Webhook（企业微信/钉钉兼容；allowPrivate 仅管理员可设）',
    tag: '消息通知',
    params: idParams,
    body: webhookInputSchema,
    errors: ['ORG_NOT_FOUND', 'WEBHOOK_URL_REFUSED', 'WEBHOOK_SECRET_REQUIRED', 'WEBHOOK_PRIVATE_ADMIN_ONLY', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.webhooks.putWebhook(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/deliveries',
    response: deliveryListSchema,
    action: 'delivery.list',
    summary: '外部投递记录（status=failed 为死信）',
    tag: '消息通知',
    query: pageQuerySchema.extend({ status: z.enum(deliveryStatuses).optional(), channel: z.enum(deliveryChannels).optional(), orgId: z.string().min(1).max(64).optional() }).strict(),
    handler: ({ actor, query }) => s.webhooks.listDeliveries(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/deliveries/:id/retry',
    response: deliverySchema,
    action: 'delivery.retry',
    summary: '重试一条投递失败的记录',
    tag: '消息通知',
    params: deliveryParams,
    errors: ['DELIVERY_NOT_FOUND', 'DELIVERY_NOT_FAILED'],
    handler: ({ actor, params }) => s.webhooks.retryDelivery(actor, params.id),
  }),
];
