import { DuplicateKeyError, notFound } from '../errors.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import {
  audiencesFor,
  goesToWebhooks,
  isNotifiable,
  orderIdOf,
  smsDeliveryId,
  wantsSms,
  webhookDeliveryId,
  type Audience,
  type Delivery,
  type Notification,
} from '../domain/notifications/notification.js';
import { renderNotification, renderSms, type NotificationContext, type RenderedNotification } from '../domain/notifications/templates.js';
import type { WebhookConfig } from '../domain/notifications/webhook-message.js';
import type { Order } from '../domain/orders/order.js';
import { orgIdForRegion, type UnionOrg } from '../domain/orgs/union-org.js';
import type { Actor, User } from '../domain/users/user.js';
import type { Page } from '../domain/shared/values.js';
import type { ServiceDeps } from './deps.js';
import { nowIso, paginate } from './shared.js';

/** Queue names of the notification pipeline: events in, then one job per outside delivery. */
export const NOTIFY_QUEUE = 'notify';
export const WEBHOOK_QUEUE = 'webhook';
export const SMS_QUEUE = 'sms';

export interface DeliveryJobData {
  deliveryId: string;
  /** The job's total tries, so the processor knows which failure is the last (the dead letter). */
  maxAttempts: number;
}

export interface RetryPolicy {
  /** Total tries including the first. */
  attempts: number;
  /** First retry waits this long; each next one twice as long. */
  backoffMs: number;
}

export interface NotificationOptions {
  webhook: RetryPolicy;
  sms: RetryPolicy;
}

/** Webhooks: 6 tries over about a minute (2, 4, 8, 16, 32 s); SMS: 4 tries. */
export const defaultNotificationOptions: NotificationOptions = {
  webhook: { attempts: 6, backoffMs: 2_000 },
  sms: { attempts: 4, backoffMs: 5_000 },
};

export const resolveNotificationOptions = (options: Partial<NotificationOptions> = {}): NotificationOptions => ({
  webhook: options.webhook ?? defaultNotificationOptions.webhook,
  sms: options.sms ?? defaultNotificationOptions.sms,
});

/** Enqueues the job of a delivery (idempotent: the delivery id is the job id). */
export async function enqueueDelivery(deps: Pick<ServiceDeps, 'queue'>, delivery: Pick<Delivery, '_id' | 'channel' | 'eventType'>, policy: RetryPolicy, jobId = delivery._id): Promise<boolean> {
  const data: DeliveryJobData = { deliveryId: delivery._id, maxAttempts: policy.attempts };
  return deps.queue.enqueue<DeliveryJobData>(delivery.channel === 'webhook' ? WEBHOOK_QUEUE : SMS_QUEUE, {
    id: jobId,
    name: `${delivery.channel}.${delivery.eventType}`,
    data,
    attempts: policy.attempts,
    backoff: { type: 'exponential', delayMs: policy.backoffMs },
  });
}

export interface InboxQuery {
  unread?: boolean;
  page: number;
  limit: number;
}

/** 站内消息 and the fan-out of domain events to the people and channels they concern. */
export function notificationService(deps: ServiceDeps, options: Partial<NotificationOptions> = {}) {
  const settings = resolveNotificationOptions(options);
  const notifications = () => deps.store.collection<Notification>('notifications');
  const deliveries = () => deps.store.collection<Delivery>('deliveries');
  const mine = (actor: Actor) => ({ userId: actor.userId, channel: 'inbox' });
  const unread = (actor: Actor) => ({ ...mine(actor), readAt: null });

  /** The county federation of the order and its ancestors, nearest first. */
  async function orgChain(order: Order | null): Promise<UnionOrg[]> {
    if (!order) return [];
    const orgs = deps.store.collection<UnionOrg>('orgs');
    const county = await orgs.findById(orgIdForRegion(order.regionCode));
    if (!county) return [];
    const ancestors = await orgs.find({ _id: { $in: county.ancestorIds } });
    const byId = new Map(ancestors.map((o) => [o._id, o]));
    return [county, ...[...county.ancestorIds].reverse().flatMap((id) => byId.get(id) ?? [])];
  }

  async function recipients(audience: Audience, event: DomainEvent, subject: { craftsmanId: string | null; enterpriseId: string | null }, chain: UnionOrg[]): Promise<string[]> {
    const users = deps.store.collection<User>('users');
    let filter: Record<string, unknown>;
    if (audience === 'craftsman') {
      if (!subject.craftsmanId) return [];
      filter = { role: 'craftsman', subjectId: subject.craftsmanId };
    } else if (audience === 'enterprise') {
      if (!subject.enterpriseId) return [];
      filter = { role: 'enterprise', subjectId: subject.enterpriseId };
    } else {
      // The county org and its prefecture; an escalation also reaches the org it went up to.
      const orgIds = new Set(chain.slice(0, 2).map((o) => o._id));
      const escalatedTo = event.payload['orgId'];
      if (event.type === 'order.escalated' && typeof escalatedTo === 'string') orgIds.add(escalatedTo);
      if (orgIds.size === 0) return [];
      filter = { role: 'union_staff', orgId: { $in: [...orgIds] } };
    }
    const found = await users.find(filter, { projection: { _id: 1 } });
    return found.map((u) => u._id);
  }

  async function toInbox(event: DomainEvent, userId: string, message: RenderedNotification, orderId: string | null): Promise<boolean> {
    try {
      await notifications().insertOne({
        _id: deps.ids.next('ntf'),
        eventId: event._id,
        eventType: event.type,
        userId,
        channel: 'inbox',
        title: message.title,
        body: message.body,
        link: message.link,
        orderId,
        readAt: null,
        createdAt: event.occurredAt,
      });
      return true;
    } catch (error) {
      // Handled before (a redelivered event): the person already has it.
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** Records a delivery once and (again, harmlessly) enqueues its job: a crash between the two is mended by the redelivery. */
  async function deliver(delivery: Delivery, policy: RetryPolicy): Promise<void> {
    try {
      await deliveries().insertOne(delivery);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const existing = await deliveries().findById(delivery._id);
      if (existing?.status !== 'pending') return;
    }
    await enqueueDelivery(deps, delivery, policy);
  }

  const newDelivery = (event: DomainEvent, fields: Pick<Delivery, '_id' | 'channel' | 'orgId' | 'craftsmanId' | 'title' | 'body' | 'link'>): Delivery => ({
    ...fields,
    eventId: event._id,
    eventType: event.type,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: nowIso(deps),
    updatedAt: nowIso(deps),
    sentAt: null,
  });

  return {
    /** Turns one event into inbox rows, webhook deliveries and SMS, each at most once however often it runs. */
    async handleEvent(event: DomainEvent): Promise<{ inbox: number }> {
      if (!isNotifiable(event.type)) return { inbox: 0 };
      const orderId = orderIdOf(event);
      const order = orderId ? await deps.store.collection<Order>('orders').findById(orderId) : null;
      const craftsmanId = (typeof event.payload['craftsmanId'] === 'string' ? event.payload['craftsmanId'] : null) ?? order?.craftsmanId ?? null;
      const enterpriseId = (typeof event.payload['enterpriseId'] === 'string' ? event.payload['enterpriseId'] : null) ?? order?.enterpriseId ?? null;
      const craftsman = craftsmanId ? await deps.store.collection<Craftsman>('craftsmen').findById(craftsmanId) : null;
      const chain = await orgChain(order);
      const escalatedTo = typeof event.payload['orgId'] === 'string' ? chain.find((o) => o._id === event.payload['orgId']) : undefined;
      const context = (audience: Audience): NotificationContext => ({
        audience,
        order: order ? { title: order.title, urgency: order.urgency, enterpriseName: order.enterpriseName, ratingComment: order.ratingComment } : null,
        craftsmanName: craftsman?.name ?? null,
        orgName: escalatedTo?.name ?? null,
      });

      let inbox = 0;
      for (const audience of audiencesFor(event.type)) {
        const message = renderNotification(event, context(audience));
        if (!message) continue;
        for (const userId of await recipients(audience, event, { craftsmanId, enterpriseId }, chain)) {
          if (await toInbox(event, userId, message, orderId)) inbox += 1;
        }
      }

      const staffMessage = goesToWebhooks(event.type) ? renderNotification(event, context('staff')) : null;
      if (staffMessage && chain.length > 0) {
        // The county org and every ancestor whose webhook is on.
        const hooks = await deps.store.collection<WebhookConfig>('webhooks').find({ _id: { $in: chain.map((o) => o._id) }, enabled: true });
        for (const hook of hooks) {
          await deliver(newDelivery(event, { _id: webhookDeliveryId(event._id, hook._id), channel: 'webhook', orgId: hook._id, craftsmanId: null, ...staffMessage }), settings.webhook);
        }
      }

      // A text message only helps while the offer can still be answered (not for an answered or lapsed one).
      const expiresAt = typeof event.payload.expiresAt === 'string' ? event.payload.expiresAt : null;
      const stillOpen = event.type !== 'offer.made' || (order?.currentOfferId === event.aggregateId && (!expiresAt || expiresAt > deps.clock.now().toISOString()));
      if (craftsman && stillOpen && wantsSms(event.type, order?.urgency)) {
        const text = renderSms(event, context('craftsman'));
        if (text) {
          const link = renderNotification(event, context('craftsman'))?.link ?? '/';
          await deliver(newDelivery(event, { _id: smsDeliveryId(event._id, craftsman._id), channel: 'sms', orgId: null, craftsmanId: craftsman._id, title: '短信', body: text, link }), settings.sms);
        }
      }
      return { inbox };
    },

    /** The actor's own inbox, newest first, with how many are unread. */
    async list(actor: Actor, query: InboxQuery): Promise<Page<Notification> & { unreadCount: number }> {
      const filter = query.unread ? unread(actor) : mine(actor);
      const [page, unreadCount] = await Promise.all([paginate(notifications(), filter, query, { createdAt: -1, _id: -1 }), notifications().count(unread(actor))]);
      return { ...page, unreadCount };
    },

    async unreadCount(actor: Actor): Promise<{ unreadCount: number }> {
      return { unreadCount: await notifications().count(unread(actor)) };
    },

    /** Marks one of the actor's own messages read; someone else's is answered as missing. */
    async markRead(actor: Actor, id: string): Promise<Notification> {
      const updated = await notifications().updateOne({ _id: id, ...mine(actor), readAt: null }, { $set: { readAt: nowIso(deps) } });
      if (updated) return updated;
      const existing = await notifications().findOne({ _id: id, ...mine(actor) });
      if (!existing) throw notFound('NOTIFICATION_NOT_FOUND', '消息不存在');
      return existing;
    },

    async markAllRead(actor: Actor): Promise<{ updated: number; unreadCount: number }> {
      const updated = await notifications().updateMany(unread(actor), { $set: { readAt: nowIso(deps) } });
      return { updated, unreadCount: await notifications().count(unread(actor)) };
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
