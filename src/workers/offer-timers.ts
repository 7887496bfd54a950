import type { DomainEventType } from '../domain/events/domain-event.js';
import type { Logger } from '../logger.js';
import type { Queue } from '../ports/queue.js';
import type { DispatchService } from '../services/dispatch-service.js';
import { OFFER_EXPIRY_QUEUE, type SlaService } from '../services/sla-service.js';
import { SERVICE_LIMIT_QUEUE, type ServiceLimitTimerService } from '../services/service-limit-timer-service.js';
import type { LimitTimer } from '../domain/orders/service-limits.js';
import type { Order } from '../domain/orders/order.js';
import type { Store } from '../ports/store.js';
import type { FollowUpService } from '../services/follow-up-service.js';
import { APPOINTMENT_QUEUE, type AppointmentTimerService } from '../services/appointment-timer-service.js';
import type { AppointmentTimer } from '../domain/orders/appointment.js';
import type { EventConsumer } from './event-consumer.js';
import type { Leases } from './leases.js';

/** Offer events after which its expiry timer has nothing left to do. */
const OFFER_SETTLED = new Set<DomainEventType>(['offer.accepted', 'offer.declined', 'offer.withdrawn', 'offer.expired']);

/** Arms an expiry timer for every offer made, and drops it once the offer is answered or has lapsed. */
export function offerTimerConsumer(sla: Pick<SlaService, 'scheduleExpiry' | 'cancelExpiry'>): EventConsumer {
  return {
    name: 'timers',
    batchSize: 200,
    wants: (type) => type === 'offer.made' || OFFER_SETTLED.has(type),
    async handleBatch(events, acknowledge) {
      // The deadline is on the offer in the store: an in-process timer lost with the process is re-armed by reconcile().
      // Settled offers in this batch are not armed at all (a batch can hold an offer's making and its answer).
      const settled = new Set(events.filter((e) => OFFER_SETTLED.has(e.type)).map((e) => e.aggregateId));
      await Promise.all(
        events.map(async (event) => {
          if (OFFER_SETTLED.has(event.type)) return sla.cancelExpiry(event.aggregateId);
          const expiresAt = event.payload.expiresAt;
          if (typeof expiresAt === 'string' && !settled.has(event.aggregateId)) await sla.scheduleExpiry({ _id: event.aggregateId, expiresAt });
        }),
      );
      await acknowledge();
    },
  };
}

/** Arms the 服务时限 timers of an order once a craftsman has it (accepted or claimed), and again when it is reopened. */
export function serviceLimitTimerConsumer(limits: Pick<ServiceLimitTimerService, 'schedule'>, store: Store): EventConsumer {
  const orders = store.collection<Order>('orders');
  return {
    name: 'limit-timers',
    batchSize: 200,
    wants: (type) => type === 'offer.accepted' || type === 'order.claimed' || type === 'order.reopened',
    async handleBatch(events, acknowledge) {
      // The deadlines are on the order: a job lost with the process is re-armed by reconcile(), and the sweep fires what is due.
      for (const event of events) {
        const orderId = event.aggregateType === 'order' ? event.aggregateId : event.payload.orderId;
        const order = typeof orderId === 'string' ? await orders.findById(orderId) : null;
        if (order) await limits.schedule(order);
      }
      await acknowledge();
    },
  };
}

/** Arms the timers of a visit slot once both parties agreed on it (a moved slot is armed again). */
export function appointmentTimerConsumer(timers: Pick<AppointmentTimerService, 'schedule'>, store: Store): EventConsumer {
  const orders = store.collection<Order>('orders');
  return {
    name: 'appointment-timers',
    batchSize: 200,
    wants: (type) => type === 'order.appointment_confirmed',
    async handleBatch(events, acknowledge) {
      // The slot is on the order: a job lost with the process is re-armed by reconcile(), and the sweep fires what is due.
      for (const orderId of new Set(events.map((e) => e.aggregateId))) {
        const order = await orders.findById(orderId);
        if (order) await timers.schedule(order);
      }
      await acknowledge();
    },
  };
}

/**
 * The timer side of SLAs: delayed expiry jobs, plus a sweep every `sweepMs` that catches anything a
 * timer missed (a restart of the inline queue, a clock that moved) and escalates stale orders.
 */
export class SlaTimers {
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: { queue: Queue; sla: SlaService; dispatch: DispatchService; limits: ServiceLimitTimerService; followUps: Pick<FollowUpService, 'openDue'>; appointments: AppointmentTimerService; logger: Logger; leases?: Leases | null },
    private readonly sweepMs = 30_000,
  ) {}

  async start(): Promise<void> {
    await this.deps.queue.process<{ offerId: string }>(OFFER_EXPIRY_QUEUE, async (job) => {
      await this.deps.dispatch.expire(job.data.offerId);
    }, { concurrency: 4 });
    await this.deps.queue.process<{ orderId: string; timer: LimitTimer }>(SERVICE_LIMIT_QUEUE, async (job) => {
      await this.deps.limits.fire(job.data.orderId, job.data.timer);
    }, { concurrency: 2 });
    await this.deps.queue.process<{ orderId: string; timer: AppointmentTimer }>(APPOINTMENT_QUEUE, async (job) => {
      await this.deps.appointments.fire(job.data.orderId, job.data.timer);
    }, { concurrency: 2 });
    try {
      const result = await this.deps.sla.reconcile();
      if (result.expired || result.rescheduled || result.escalated) this.deps.logger.info(result, 'sla: reconciled stored deadlines');
      const limits = await this.deps.limits.reconcile();
      const followUps = await this.deps.followUps.openDue();
      if (limits.fired || limits.armed || followUps) this.deps.logger.info({ ...limits, followUps }, 'sla: reconciled service time limits and follow-ups');
      const appointments = await this.deps.appointments.reconcile();
      if (appointments.fired || appointments.armed) this.deps.logger.info(appointments, 'sla: reconciled appointment reminders');
    } catch (error) {
      // The sweep below catches up what this could not re-arm.
      this.deps.logger.error({ err: error }, 'sla: reconciling stored deadlines failed; the sweep will catch up');
    }
    this.sweeper = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweeper.unref();
  }

  /** Expires due offers and escalates stale orders, in the one process holding the sweep's lease. */
  async sweep(): Promise<{ expired: number; escalated: number; limits: number; followUps: number; appointments: number }> {
    const none = { expired: 0, escalated: 0, limits: 0, followUps: 0, appointments: 0 };
    try {
      if (this.deps.leases && !(await this.deps.leases.hold('sla-sweep'))) return none;
      return { expired: await this.deps.sla.expireDueOffers(), escalated: await this.deps.sla.escalateStaleOrders(), limits: await this.deps.limits.fireDue(), followUps: await this.deps.followUps.openDue(), appointments: await this.deps.appointments.fireDue() };
    } catch (error) {
      this.deps.logger.error({ err: error }, 'sla: sweep failed');
      return none;
    }
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
