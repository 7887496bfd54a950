import { attendanceOf, dueAppointmentTimers, pendingAppointmentTimers, type Appointment, type AppointmentTimer } from '../domain/orders/appointment.js';
import type { Order, ServiceRecord } from '../domain/orders/order.js';
import type { ServiceDeps } from './deps.js';
import { SYSTEM_ACTOR, newEvent, nowIso, recordEvents } from './shared.js';

export const APPOINTMENT_QUEUE = 'appointments';
const MAX_DELAY_MS = 20 * 86_400_000;
/** Reminders go to work still under way; attendance is judged also when the work was resolved meanwhile. */
const TIMER_STATES: Record<AppointmentTimer, string[]> = { reminder: ['in_progress'], attendance: ['in_progress', 'resolved', 'closed'] };

/**
 * The timers of a confirmed visit slot, each exactly once: the reminder to both parties the day before,
 * and judging attendance (on time, late, missed) after the slot. Firing is a conditional update that
 * adds the timer to `appointment.fired` only if it is not there yet and the slot is still the one
 * confirmed then, with its event in the same transaction. Delayed jobs, the sweep and start-up
 * reconciliation may all try the same timer; since the slot is stored on the order, nothing depends
 * on a queue's memory.
 */
export function appointmentTimerService(deps: ServiceDeps) {
  const orders = deps.store.collection<Order>('orders');
  const records = deps.store.collection<ServiceRecord>('serviceRecords');
  // Attendance is the last timer of a slot: once it fired, the order has nothing left here.
  const confirmed = { 'appointment.status': 'confirmed', 'appointment.fired': { $ne: 'attendance' }, status: { $in: ['in_progress', 'resolved', 'closed'] } };

  async function fire(orderId: string, timer: AppointmentTimer): Promise<boolean> {
    return deps.store.transaction(async () => {
      const order = await orders.findById(orderId);
      if (!order || !TIMER_STATES[timer].includes(order.status) || !dueAppointmentTimers(order, nowIso(deps)).includes(timer)) return false;
      const appointment = order.appointment as Appointment;
      const set: Record<string, unknown> = {};
      let outcome: Appointment['attendance'] = null;
      if (timer === 'attendance') {
        const visits = await records.find({ orderId, 'dispute.status': { $ne: 'upheld' } }, { limit: 500 });
        outcome = attendanceOf(appointment.slot, visits.map((r) => r.date));
        set['appointment.attendance'] = outcome;
      }
      const marked = await orders.updateOne(
        { _id: orderId, 'appointment.status': 'confirmed', 'appointment.confirmedAt': appointment.confirmedAt, 'appointment.fired': { $ne: timer } },
        { $addToSet: { 'appointment.fired': timer }, ...(Object.keys(set).length ? { $set: set } : {}) },
      );
      if (!marked) return false;
      const payload = { slot: appointment.slot, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, ownerId: order.ownerId ?? null, regionCode: order.regionCode, title: order.title };
      // An on-time visit needs nobody's attention: only late and missed ones are announced.
      if (timer === 'reminder') await recordEvents(deps, [newEvent(deps, 'order.appointment_reminder', { type: 'order', id: orderId }, payload, SYSTEM_ACTOR)]);
      else if (outcome !== 'on_time') await recordEvents(deps, [newEvent(deps, 'order.appointment_attendance', { type: 'order', id: orderId }, { ...payload, attendance: outcome }, SYSTEM_ACTOR)]);
      return true;
    });
  }

  return {
    fire,

    /** Fires every appointment timer due now; returns how many went off. */
    async fireDue(): Promise<number> {
      const now = nowIso(deps);
      const candidates = await orders.find(confirmed, { limit: 5_000, projection: { timeline: 0 } });
      let fired = 0;
      for (const order of candidates) for (const timer of dueAppointmentTimers(order, now)) if (await fire(order._id, timer)) fired += 1;
      return fired;
    },

    /** Arms delayed jobs for the timers of an order's confirmed slot still ahead (idempotent per order, timer and time). */
    async schedule(order: Pick<Order, '_id' | 'appointment'>): Promise<number> {
      const nowMs = deps.clock.now().getTime();
      // Further ahead than a timer can wait (setTimeout's 24.8 days): left to the sweep and later start-ups.
      const pending = pendingAppointmentTimers(order, new Date(nowMs).toISOString()).filter(({ at }) => Date.parse(at) - nowMs < MAX_DELAY_MS);
      for (const { timer, at } of pending) {
        await deps.queue.enqueue(APPOINTMENT_QUEUE, { id: `appointment-${order._id}-${timer}-${at}`, name: 'appointment', data: { orderId: order._id, timer }, delayMs: Math.max(0, Date.parse(at) - nowMs) + 500, attempts: 5, backoff: { type: 'exponential', delayMs: 1_000 } });
      }
      return pending.length;
    },

    /** Start-up: fire what fell due while nothing ran, re-arm what is still ahead. */
    async reconcile(): Promise<{ fired: number; armed: number }> {
      const fired = await this.fireDue();
      let armed = 0;
      for (const order of await orders.find(confirmed, { limit: 5_000, projection: { timeline: 0 } })) armed += await this.schedule(order);
      return { fired, armed };
    },
  };
}

export type AppointmentTimerService = ReturnType<typeof appointmentTimerService>;
