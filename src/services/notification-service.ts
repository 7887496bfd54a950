import { notFound } from '../errors.js';
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

  /**
   * What one batch of events needs from the store, each read once for the whole batch: the orders,
   * craftsmen, org chains, recipients and webhooks it concerns, and which of its rows exist already.
   */
  function batchLookups() {
    const orgChains = new Map<string, Promise<UnionOrg[]>>();
    const recipientLists = new Map<string, Promise<string[]>>();
    const hookLists = new Map<string, Promise<WebhookConfig[]>>();
    const memo = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
      let found = cache.get(key);
      if (!found) cache.set(key, (found = load()));
      return found;
    };

    /** The county federation of a region (an order's, or a profile's) and its ancestors, nearest first. */
    const orgChain = (regionCode: string | null): Promise<UnionOrg[]> => {
      if (!regionCode) return Promise.resolve([]);
      return memo(orgChains, regionCode, async () => {
        const orgs = deps.store.collection<UnionOrg>('orgs');
        const county = await orgs.findById(orgIdForRegion(regionCode));
        if (!county) return [];
        const ancestors = await orgs.find({ _id: { $in: county.ancestorIds } });
        const byId = new Map(ancestors.map((o) => [o._id, o]));
        return [county, ...[...county.ancestorIds].reverse().flatMap((id) => byId.get(id) ?? [])];
      });
    };

    const recipients = (audience: Audience, event: DomainEvent, subject: { craftsmanId: string | null; enterpriseId: string | null; ownerId?: string | null }, chain: UnionOrg[]): Promise<string[]> => {
      let filter: Record<string, unknown>;
      if (audience === 'craftsman') {
        if (!subject.craftsmanId) return Promise.resolve([]);
        filter = { role: 'craftsman', subjectId: subject.craftsmanId };
      } else if (audience === 'enterprise') {
        if (!subject.enterpriseId) return Promise.resolve([]);
        filter = { role: 'enterprise', subjectId: subject.enterpriseId };
      } else if (audience === 'complainant') {
        const userId = event.payload['complainantUserId'];
        if (typeof userId !== 'string' || !userId) return Promise.resolve([]);
        filter = { _id: userId };
      } else if (audience === 'owner') {
        const ownerId = event.type === 'order.owner_changed' ? event.payload['ownerId'] : subject.ownerId;
        if (typeof ownerId !== 'string' || !ownerId) return Promise.resolve([]);
        filter = { _id: ownerId, role: 'union_staff' };
      } else {
        // The county org and its prefecture; an escalation also reaches the org it went up to.
        const orgIds = new Set(chain.slice(0, 2).map((o) => o._id));
        const escalatedTo = event.payload['orgId'];
        if (event.type === 'order.escalated' && typeof escalatedTo === 'string') orgIds.add(escalatedTo);
        if (orgIds.size === 0) return Promise.resolve([]);
        filter = { role: 'union_staff', orgId: { $in: [...orgIds].sort() } };
      }
      return memo(recipientLists, JSON.stringify(filter), async () => (await deps.store.collection<User>('users').find(filter, { projection: { _id: 1 } })).map((u) => u._id));
    };

    const hooks = (chain: UnionOrg[]): Promise<WebhookConfig[]> => {
      const ids = chain.map((o) => o._id);
      return memo(hookLists, ids.join(','), () => deps.store.collection<WebhookConfig>('webhooks').find({ _id: { $in: ids }, enabled: true }));
    };

    return { orgChain, recipients, hooks };
  }

  const stringField = (event: DomainEvent, key: string) => (typeof event.payload[key] === 'string' ? (event.payload[key] as string) : null);

  /**
   * Turns a batch of events into inbox rows and delivery records, each at most once however often it
   * runs; call it inside the transaction that acknowledges the batch. Rows and records that exist
   * already are skipped (so a replay never fails on a duplicate). Returns the deliveries whose jobs
   * must be enqueued once the transaction has committed.
   */
  async function fanOut(batch: DomainEvent[]): Promise<{ inbox: number; deliveries: Delivery[] }> {
    const events = batch.filter((e) => isNotifiable(e.type));
    if (events.length === 0) return { inbox: 0, deliveries: [] };
    const lookups = batchLookups();
    const orderIds = [...new Set(events.map(orderIdOf).filter((id): id is string => id !== null))];
    const orders = new Map((orderIds.length ? await deps.store.collection<Order>('orders').find({ _id: { $in: orderIds } }) : []).map((o) => [o._id, o]));
    const craftsmanIdOf = (event: DomainEvent) => stringField(event, 'craftsmanId') ?? orders.get(orderIdOf(event) ?? '')?.craftsmanId ?? null;
    const craftsmanIds = [...new Set(events.map(craftsmanIdOf).filter((id): id is string => id !== null))];
    const craftsmen = new Map((craftsmanIds.length ? await deps.store.collection<Craftsman>('craftsmen').find({ _id: { $in: craftsmanIds } }) : []).map((c) => [c._id, c]));
    const eventIds = events.map((e) => e._id);
    const delivered = new Set((await notifications().find({ eventId: { $in: eventIds } }, { projection: { eventId: 1, userId: 1 } })).map((n) => `${n.eventId}:${n.userId}`));

    const rows: Notification[] = [];
    const wanted: Delivery[] = [];
    const nowText = nowIso(deps);
    for (const event of events) {
      const orderId = orderIdOf(event);
      const order = orders.get(orderId ?? '') ?? null;
      const craftsmanId = craftsmanIdOf(event);
      const enterpriseId = stringField(event, 'enterpriseId') ?? order?.enterpriseId ?? null;
      const craftsman = craftsmanId ? (craftsmen.get(craftsmanId) ?? null) : null;
      // An event about no order (a profile change) names the region whose staff it concerns.
      const chain = await lookups.orgChain(order?.regionCode ?? stringField(event, 'regionCode'));
      const escalatedTo = typeof event.payload['orgId'] === 'string' ? chain.find((o) => o._id === event.payload['orgId']) : undefined;
      const context = (audience: Audience): NotificationContext => ({
        audience,
        order: order ? { title: order.title, urgency: order.urgency, enterpriseName: order.enterpriseName, ratingComment: order.ratingComment, number: order.number ?? null } : null,
        craftsmanName: craftsman?.name ?? null,
        orgName: escalatedTo?.name ?? null,
      });

      for (const audience of audiencesFor(event.type)) {
        const message = renderNotification(event, context(audience));
        if (!message) continue;
        for (const userId of await lookups.recipients(audience, event, { craftsmanId, enterpriseId, ownerId: order?.ownerId ?? null }, chain)) {
          const key = `${event._id}:${userId}`;
          if (delivered.has(key)) continue;
          delivered.add(key);
          rows.push(inboxRow(event, userId, message, orderId));
        }
      }

      const staffMessage = goesToWebhooks(event.type) ? renderNotification(event, context('staff')) : null;
      if (staffMessage && chain.length > 0) {
        // The county org and every ancestor whose webhook is on.
        for (const hook of await lookups.hooks(chain)) {
          wanted.push(newDelivery(event, { _id: webhookDeliveryId(event._id, hook._id), channel: 'webhook', orgId: hook._id, craftsmanId: null, ...staffMessage }, nowText));
        }
      }

      // A text message only helps while the offer can still be answered (not for an answered or lapsed one).
      const expiresAt = typeof event.payload.expiresAt === 'string' ? event.payload.expiresAt : null;
      const stillOpen = event.type !== 'offer.made' || (order?.currentOfferId === event.aggregateId && (!expiresAt || expiresAt > nowText));
      if (craftsman && stillOpen && wantsSms(event.type, order?.urgency)) {
        const text = renderSms(event, context('craftsman'));
        if (text) {
          const link = renderNotification(event, context('craftsman'))?.link ?? '/';
          wanted.push(newDelivery(event, { _id: smsDeliveryId(event._id, craftsman._id), channel: 'sms', orgId: null, craftsmanId: craftsman._id, title: '短信', body: text, link }, nowText));
        }
      }
    }

    if (rows.length > 0) await notifications().insertMany(rows);
    // A delivery recorded before (a replayed event) is enqueued again only while it is still pending.
    const existing = wanted.length ? new Map((await deliveries().find({ _id: { $in: wanted.map((d) => d._id) } })).map((d) => [d._id, d])) : new Map<string, Delivery>();
    const fresh = wanted.filter((d) => !existing.has(d._id));
    if (fresh.length > 0) await deliveries().insertMany(fresh);
    const toEnqueue = [...fresh, ...[...existing.values()].filter((d) => d.status === 'pending')];
    return { inbox: rows.length, deliveries: toEnqueue };
  }

  const inboxRow = (event: DomainEvent, userId: string, message: RenderedNotification, orderId: string | null): Notification => ({
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

  const newDelivery = (event: DomainEvent, fields: Pick<Delivery, '_id' | 'channel' | 'orgId' | 'craftsmanId' | 'title' | 'body' | 'link'>, at: string): Delivery => ({
    ...fields,
    eventId: event._id,
    eventType: event.type,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    sentAt: null,
  });

  /** Enqueues the jobs of recorded deliveries (idempotent: the delivery id is the job id). */
  async function enqueueDeliveries(list: Delivery[]): Promise<void> {
    await Promise.all(list.map((d) => enqueueDelivery(deps, d, d.channel === 'webhook' ? settings.webhook : settings.sms)));
  }

  return {
    fanOut,
    enqueueDeliveries,

    /**
     * Every delivery still pending gets its job again (idempotent): what a queue lost (an in-process
     * queue at a restart, a Redis that came back empty) is sent after all. Returns how many were seen.
     */
    async requeuePendingDeliveries(limit = 1_000): Promise<number> {
      const pending = await deliveries().find({ status: 'pending' }, { sort: { createdAt: 1 }, limit });
      await enqueueDeliveries(pending);
      return pending.length;
    },

    /** Turns one event into inbox rows, webhook deliveries and SMS, each at most once however often it runs. */
    async handleEvent(event: DomainEvent): Promise<{ inbox: number }> {
      const result = await deps.store.transaction(() => fanOut([event]));
      await enqueueDeliveries(result.deliveries);
      return { inbox: result.inbox };
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
