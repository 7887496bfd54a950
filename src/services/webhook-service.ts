import { AppError, DuplicateKeyError, conflict, invalid, notFound } from '../errors.js';
import { authorize, may } from '../domain/access/policy.js';
import { staffReachesOrg } from '../domain/access/scope.js';
import type { Delivery, DeliveryChannel, DeliveryStatus } from '../domain/notifications/notification.js';
import { checkWebhookUrl } from '../domain/notifications/webhook-url.js';
import { publicWebhook, type WebhookConfig, type WebhookInput } from '../domain/notifications/webhook-message.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Page } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { SMS_QUEUE, WEBHOOK_QUEUE, enqueueDelivery, resolveNotificationOptions, type NotificationOptions } from './notification-service.js';
import { and, nowIso, paginate } from './shared.js';

export interface DeliveryQuery {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  orgId?: string;
  page: number;
  limit: number;
}

/** An org's webhook settings (staff of the org or an org above it, or admin) and the delivery dead letter (admin). */
export function webhookService(deps: ServiceDeps, options: Partial<NotificationOptions> = {}) {
  const settings = resolveNotificationOptions(options);
  const webhooks = () => deps.store.collection<WebhookConfig>('webhooks');
  const deliveries = () => deps.store.collection<Delivery>('deliveries');

  /** The org if the actor may manage it: admin any, staff its own org and those below it; otherwise missing. */
  async function orgInScope(actor: Actor, orgId: string): Promise<UnionOrg> {
    const org = await deps.store.collection<UnionOrg>('orgs').findById(orgId);
    if (!org || !staffReachesOrg(actor, org)) throw notFound('ORG_NOT_FOUND', '工会组织不存在');
    return org;
  }

  return {
    /** Seals secrets stored in plain text before sealing existed; returns how many it sealed. */
    async sealStoredSecrets(): Promise<number> {
      let sealed = 0;
      for (const config of await webhooks().find({})) {
        if (!config.secret || deps.secrets.isSealed(config.secret)) continue;
        if (await webhooks().updateOne({ _id: config._id, secret: config.secret }, { $set: { secret: deps.secrets.seal(config.secret) } })) sealed += 1;
      }
      return sealed;
    },

    async getWebhook(actor: Actor, orgId: string) {
      authorize(actor, 'webhook.read');
      await orgInScope(actor, orgId);
      return publicWebhook(orgId, await webhooks().findById(orgId));
    },

    /**
     * Sets an org's webhook. The URL is checked now (scheme, no literal private address, no local
     * name) and its host resolved again before every send. `allowPrivate` is an admin's decision
     * about one URL: staff changing the URL drop it, staff keeping the URL keep it.
     */
    async putWebhook(actor: Actor, orgId: string, input: WebhookInput) {
      authorize(actor, 'webhook.write');
      await orgInScope(actor, orgId);
      const existing = await webhooks().findById(orgId);
      const mayAllowPrivate = may(actor, 'webhook.allow_private');
      if (input.allowPrivate === true && !mayAllowPrivate) throw new AppError({ kind: 'forbidden', code: 'WEBHOOK_PRIVATE_ADMIN_ONLY', message: '只有系统管理员可以允许 Webhook 访问内网地址' });
      const url = input.url.trim();
      const allowPrivate = mayAllowPrivate ? (input.allowPrivate ?? (existing?.url === url && existing.allowPrivate)) : existing?.url === url && existing.allowPrivate;
      const check = checkWebhookUrl(url, { allowPrivate });
      if (!check.ok) throw invalid('WEBHOOK_URL_REFUSED', check.message, { reason: check.reason, ...(check.kind ? { addressKind: check.kind } : {}) });
      // Stored sealed: a copy of the data directory alone does not reveal it.
      const secret = input.secret ? deps.secrets.seal(input.secret) : existing?.secret;
      if (!secret) throw invalid('WEBHOOK_SECRET_REQUIRED', '首次配置 Webhook 需填写签名密钥（至少 16 个字符）');
      const config: WebhookConfig = { _id: orgId, url, secret, enabled: input.enabled, allowPrivate, updatedAt: nowIso(deps), updatedBy: actor.userId };
      if (existing) await webhooks().replaceOne(config);
      else
        await webhooks()
          .insertOne(config)
          .catch(async (error: unknown) => {
            // Two first configurations at once: the later one wins, as an update would.
            if (!(error instanceof DuplicateKeyError)) throw error;
            await webhooks().replaceOne(config);
          });
      return publicWebhook(orgId, config);
    },

    /** Deliveries to outside channels, newest first; `status=failed` is the dead letter. */
    async listDeliveries(actor: Actor, query: DeliveryQuery): Promise<Page<Delivery>> {
      authorize(actor, 'delivery.list', '只有系统管理员可以执行此操作');
      const filter = and(query.status ? { status: query.status } : {}, query.channel ? { channel: query.channel } : {}, query.orgId ? { orgId: query.orgId } : {});
      return paginate(deliveries(), filter, query, { createdAt: -1, _id: -1 });
    },

    /** Sends a failed delivery again with fresh tries. */
    async retryDelivery(actor: Actor, id: string): Promise<Delivery> {
      authorize(actor, 'delivery.retry', '只有系统管理员可以执行此操作');
      const delivery = await deliveries().findById(id);
      if (!delivery) throw notFound('DELIVERY_NOT_FOUND', '投递记录不存在');
      const rearmed = await deliveries().updateOne({ _id: id, status: 'failed' }, { $set: { status: 'pending', updatedAt: nowIso(deps) } });
      if (!rearmed) throw conflict('DELIVERY_NOT_FAILED', '只有投递失败的记录可以重试', { status: delivery.status });
      const policy = delivery.channel === 'webhook' ? settings.webhook : settings.sms;
      const queue = delivery.channel === 'webhook' ? WEBHOOK_QUEUE : SMS_QUEUE;
      try {
        // The failed job is normally still in the queue's dead letter list; if it was pruned, enqueue
        // afresh, under a new id when the old one is still taken (kept as completed).
        if (!(await deps.queue.retry(queue, id)) && !(await enqueueDelivery(deps, delivery, policy))) {
          await enqueueDelivery(deps, delivery, policy, `${id}:${deps.ids.next('retry')}`);
        }
      } catch (error) {
        await deliveries().updateOne({ _id: id, status: 'pending' }, { $set: { status: 'failed', updatedAt: nowIso(deps) } });
        throw error;
      }
      return rearmed;
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
