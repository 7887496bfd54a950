import type { Offer, Order, Urgency } from '../domain/orders/order.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { DispatchService } from './dispatch-service.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { SYSTEM_ACTOR, newEvent, nowIso, recordEvents } from './shared.js';

/** Hours an approved order may wait for acceptance before the parent org hears of it, by urgency. */
export const DEFAULT_ACCEPT_SLA_HOURS: Record<Urgency, number> = { low: 168, normal: 72, high: 24, critical: 6 };

export const OFFER_EXPIRY_QUEUE = 'offer-expiry';
const expiryJobId = (offerId: string) => `expire-${offerId}`;

/**
 * Deadlines: pending offers expire, orders waiting too long are escalated to the parent org. Every
 * deadline is stored on the documents, so a sweep at start-up (and now and then) finds whatever a
 * lost timer missed, whichever queue adapter is live.
 */
export function slaService(
  deps: ServiceDeps,
  dispatch: DispatchService,
  reference: ReferenceService,
  /** Hours an order may wait for acceptance (the governing org's matching policy, handed in by the composition root). */
  options: { acceptSlaHours?: (order: Order) => Promise<number> } = {},
) {
  const offers = deps.store.collection<Offer>('offers');
  const orders = deps.store.collection<Order>('orders');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const acceptSlaHours = options.acceptSlaHours ?? (async (order: Order) => DEFAULT_ACCEPT_SLA_HOURS[order.urgency]);

  return {
    /** Puts a delayed job on the queue for an offer's deadline (idempotent per offer). */
    async scheduleExpiry(offer: Pick<Offer, '_id' | 'expiresAt'>): Promise<void> {
      const delayMs = Math.max(0, new Date(offer.expiresAt).getTime() - deps.clock.now().getTime()) + 500;
      await deps.queue.enqueue(OFFER_EXPIRY_QUEUE, { id: expiryJobId(offer._id), name: 'offer.expire', data: { offerId: offer._id }, delayMs, attempts: 5, backoff: { type: 'exponential', delayMs: 1_000 } });
    },

    /**
     * Drops the expiry job of an offer that was answered (accepted, declined, withdrawn) or expired. The
     * job would only find the offer no longer pending, but on a busy engine every offer ever made would
     * keep a delayed job (memory on the inline queue, keys in Redis) until its deadline. A job already
     * running finishes as a no-op.
     */
    async cancelExpiry(offerId: string): Promise<void> {
      await deps.queue.remove(OFFER_EXPIRY_QUEUE, expiryJobId(offerId));
    },

    /** Expires every pending offer past its deadline; returns how many. */
    async expireDueOffers(): Promise<number> {
      const due = await offers.find({ status: 'pending', expiresAt: { $lte: nowIso(deps) } }, { limit: 500, sort: { expiresAt: 1 } });
      let expired = 0;
      for (const offer of due) if (await dispatch.expire(offer._id)) expired += 1;
      return expired;
    },

    /** Open or offered orders past the acceptance SLA, not yet escalated, are escalated to the parent org. */
    async escalateStaleOrders(): Promise<number> {
      const now = deps.clock.now().getTime();
      const waiting = await orders.find({ status: { $in: ['open', 'offered'] }, escalatedToOrgId: null }, { limit: 1_000 });
      let escalated = 0;
      for (const order of waiting) {
        const approvedAt = order.timeline.find((e) => e.to === 'open')?.at ?? order.submittedAt;
        const hours = await acceptSlaHours(order);
        if (now - new Date(approvedAt).getTime() < hours * 3_600_000) continue;
        if (await escalate(order, 'sla', `超过 ${hours} 小时无人接单`)) escalated += 1;
      }
      return escalated;
    },

    escalate,

    /** Start-up: expire what is overdue, re-arm the timers of what is still pending. */
    async reconcile(): Promise<{ expired: number; rescheduled: number; escalated: number }> {
      const expired = await this.expireDueOffers();
      const pending = await offers.find({ status: 'pending' });
      for (const offer of pending) await this.scheduleExpiry(offer);
      const escalated = await this.escalateStaleOrders();
      return { expired, rescheduled: pending.length, escalated };
    },
  };

  /** Hands an order up to the parent of the org serving its region; once per order. */
  async function escalate(order: Order, why: 'sla' | 'dispatch_failed' | 'no_candidate', reason: string): Promise<boolean> {
    const serving = await reference.orgForRegionPath(order.regionPath);
    const parent = serving?.parentId ? await orgs.findById(serving.parentId) : null;
    const target = parent ?? serving;
    if (!target) return false;
    return deps.store.transaction(async () => {
      const updated = await orders.updateOne({ _id: order._id, escalatedToOrgId: null }, { $set: { escalatedToOrgId: target._id, updatedAt: nowIso(deps) } });
      if (!updated) return false;
      await recordEvents(deps, [newEvent(deps, 'order.escalated', { type: 'order', id: order._id }, { orgId: target._id, fromOrgId: serving?._id ?? null, why, reason, regionCode: order.regionCode, title: order.title }, SYSTEM_ACTOR)]);
      return true;
    });
  }
}

export type SlaService = ReturnType<typeof slaService>;
