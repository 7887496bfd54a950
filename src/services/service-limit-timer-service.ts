import { dueLimitTimers, isEscalation, milestoneOf, pendingLimitTimers, timerAt, type LimitTimer } from '../domain/orders/service-limits.js';
import type { Order } from '../domain/orders/order.js';
import type { ServiceDeps } from './deps.js';
import { SYSTEM_ACTOR, newEvent, nowIso, recordEvents } from './shared.js';

export const SERVICE_LIMIT_QUEUE = 'service-limits';
const MAX_DELAY_MS = 20 * 86_400_000;

/**
 * The reminders and escalations of 服务时限. Each goes out exactly once per order: firing one is a
 * conditional update that adds the timer to `limitsFired` only if it is not there yet, with its event
 * in the same transaction. Delayed jobs, the sweep and start-up reconciliation may all try the same
 * timer — one wins, the others change nothing — and since the deadlines are stored on the order,
 * nothing depends on a queue's memory.
 */
export function serviceLimitTimerService(deps: ServiceDeps) {
  const orders = deps.store.collection<Order>('orders');

  async function fire(orderId: string, timer: LimitTimer): Promise<boolean> {
    return deps.store.transaction(async () => {
      const order = await orders.findById(orderId);
      if (!order || !dueLimitTimers(order, nowIso(deps)).includes(timer)) return false;
      const marked = await orders.updateOne({ _id: orderId, status: 'in_progress', limitsFired: { $ne: timer } }, { $addToSet: { limitsFired: timer } });
      if (!marked) return false;
      const milestone = milestoneOf(timer);
      const dueAt = timerAt(order.serviceDeadlines as NonNullable<Order['serviceDeadlines']>, `${milestone}.escalation` as LimitTimer);
      const type = isEscalation(timer) ? 'order.limit_overdue' : 'order.limit_reminder';
      await recordEvents(deps, [newEvent(deps, type, { type: 'order', id: orderId }, { milestone, dueAt, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, regionCode: order.regionCode, title: order.title }, SYSTEM_ACTOR)]);
      return true;
    });
  }

  return {
    fire,

    /** Fires every timer due now on orders in service; returns how many went out. */
    async fireDue(): Promise<number> {
      const now = nowIso(deps);
      const candidates = await orders.find({ status: 'in_progress', serviceDeadlines: { $ne: null } }, { limit: 5_000, projection: { timeline: 0 } });
      let fired = 0;
      for (const order of candidates) for (const timer of dueLimitTimers(order, now)) if (await fire(order._id, timer)) fired += 1;
      return fired;
    },

    /** Arms delayed jobs for an order's timers still ahead (idempotent per order, timer and time). */
    async schedule(order: Pick<Order, '_id' | 'status' | 'resolvedAt' | 'serviceDeadlines' | 'firstContactAt' | 'limitsFired'>): Promise<number> {
      const nowMs = deps.clock.now().getTime();
      // Timers further ahead than a timer can wait (setTimeout's 24.8 days) are left to the sweep and to later start-ups.
      const pending = pendingLimitTimers(order, new Date(nowMs).toISOString()).filter(({ at }) => Date.parse(at) - nowMs < MAX_DELAY_MS);
      for (const { timer, at } of pending) {
        await deps.queue.enqueue(SERVICE_LIMIT_QUEUE, { id: `limit-${order._id}-${timer}-${at}`, name: 'service-limit', data: { orderId: order._id, timer }, delayMs: Math.max(0, Date.parse(at) - nowMs) + 500, attempts: 5, backoff: { type: 'exponential', delayMs: 1_000 } });
      }
      return pending.length;
    },

    /** Start-up: fire what fell due while nothing ran, re-arm what is still ahead. */
    async reconcile(): Promise<{ fired: number; armed: number }> {
      const fired = await this.fireDue();
      let armed = 0;
      for (const order of await orders.find({ status: 'in_progress', serviceDeadlines: { $ne: null } }, { limit: 5_000, projection: { timeline: 0 } })) armed += await this.schedule(order);
      return { fired, armed };
    },
  };
}

export type ServiceLimitTimerService = ReturnType<typeof serviceLimitTimerService>;
