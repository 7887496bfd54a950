import { authorize } from '../domain/access/policy.js';
import { appointmentPartyOf, craftsmanScope } from '../domain/access/scope.js';
import { checkSlot, negotiate, type Appointment, type AppointmentAction, type AppointmentStatus, type SlotProposal, type TimeWindow } from '../domain/orders/appointment.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Order, TimelineEntry } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Filter } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { and, newEvent, nowIso, recordEvents } from './shared.js';

/** Orders whose appointments occupy a craftsman's time: taken and not cancelled. */
const BOOKING_STATES = ['in_progress', 'resolved', 'closed'] as const;
const MAX_CALENDAR_DAYS = 92;

const EVENT_OF: Record<AppointmentAction, 'order.appointment_proposed' | 'order.appointment_countered' | 'order.appointment_confirmed'> = {
  propose: 'order.appointment_proposed',
  counter: 'order.appointment_countered',
  confirm: 'order.appointment_confirmed',
};
const ACTION_LABEL: Record<AppointmentAction, string> = { propose: '提议上门时段', counter: '另提上门时段', confirm: '确认上门时段' };

export interface CalendarEntry {
  orderId: string;
  orderNumber: string | null;
  title: string;
  enterpriseName: string;
  status: AppointmentStatus;
  slot: TimeWindow;
  attendance: Appointment['attendance'];
}

/**
 * 预约: the craftsman who has the order proposes a visit slot, the enterprise confirms or counters.
 * Each step is a conditional update on the appointment state that was read (status and rounds), with
 * its event in the same transaction, so two racing answers cannot both apply.
 */
export function appointmentService(deps: ServiceDeps, orders: Pick<OrderService, 'load'>) {
  const orderDocs = deps.store.collection<Order>('orders');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');

  async function step(actor: Actor, id: string, action: AppointmentAction, input: { slot?: TimeWindow; note?: string }): Promise<Order> {
    authorize(actor, `appointment.${action}`, action === 'propose' ? '预约时段由承接需求的劳模工匠提出' : action === 'counter' ? '只有企业可以另提时段' : '只有企业或劳模工匠可以确认预约');
    const order = await orders.load(actor, id);
    // A craftsman answers only for the work it has (it may still see orders once offered to it).
    const party = appointmentPartyOf(actor, order);
    if (!party) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    if (order.status !== 'in_progress') throw conflict('ORDER_NOT_IN_PROGRESS', '只有服务中的需求可以预约上门时间', { status: order.status });
    const at = nowIso(deps);
    const slot = input.slot ? checkSlot(input.slot, at) : undefined;
    const current = order.appointment ?? null;
    const next = negotiate(current, action, party, { at, ...(slot ? { slot } : {}), note: input.note ?? null });
    const entry: TimelineEntry = {
      at,
      action: `appointment_${action}`,
      from: order.status,
      to: order.status,
      actorId: actor.userId,
      actorRole: actor.role,
      actorName: actor.displayName,
      reason: `${ACTION_LABEL[action]}：${next.slot.start} – ${next.slot.end}${input.note ? `（${input.note}）` : ''}`,
    };
    const guard: Filter = current ? { 'appointment.status': current.status, 'appointment.rounds': current.rounds } : { appointment: null };
    return deps.store.transaction(async () => {
      const saved = await orderDocs.updateOne({ _id: id, status: 'in_progress', ...guard }, { $set: { appointment: next, updatedAt: at }, $push: { timeline: entry } });
      if (!saved) throw conflict('ORDER_CHANGED', '预约刚被对方更新，请刷新后重试');
      const payload = { slot: next.slot, rounds: next.rounds, party, note: input.note ?? null, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, ownerId: order.ownerId ?? null, title: order.title };
      await recordEvents(deps, [newEvent(deps, EVENT_OF[action], { type: 'order', id }, payload, actor)]);
      return saved;
    });
  }

  return {
    /** The craftsman proposes a slot (first, after a counter-proposal, or to move a confirmed one). */
    propose: (actor: Actor, id: string, input: SlotProposal) => step(actor, id, 'propose', input),
    /** The enterprise answers a proposal with a slot of its own. */
    counter: (actor: Actor, id: string, input: SlotProposal) => step(actor, id, 'counter', input),
    /** The party that did not put the slot on the table agrees to it. */
    confirm: (actor: Actor, id: string, input: { note?: string }) => step(actor, id, 'confirm', input),

    /** 预约日程: a craftsman's appointments overlapping [from, to), for itself and staff in reach (404 beyond). */
    async calendar(actor: Actor, craftsmanId: string, range: { from?: string; to?: string }): Promise<{ craftsmanId: string; from: string; to: string; items: CalendarEntry[] }> {
      authorize(actor, 'craftsman.calendar', '只有劳模工匠本人和工会工作人员可以查看预约日程');
      const craftsman = await craftsmen.findOne(and({ _id: craftsmanId }, craftsmanScope(actor)));
      if (!craftsman) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
      const from = range.from ? new Date(range.from).toISOString() : nowIso(deps);
      const to = range.to ? new Date(range.to).toISOString() : new Date(Date.parse(from) + 30 * 86_400_000).toISOString();
      if (to <= from || Date.parse(to) - Date.parse(from) > MAX_CALENDAR_DAYS * 86_400_000) {
        throw invalid('INVALID_TIME_WINDOW', `查询区间的终点须晚于起点，且不超过 ${MAX_CALENDAR_DAYS} 天`, { field: 'to' });
      }
      const items = (await bookedSlots([craftsmanId], { start: from, end: to }, { confirmedOnly: false })).get(craftsmanId) ?? [];
      return { craftsmanId, from, to, items };
    },

    bookedSlots,
  };

  /** Appointments of these craftsmen overlapping `range`, by craftsman, sorted by start. */
  async function bookedSlots(craftsmanIds: readonly string[], range: TimeWindow, options: { confirmedOnly: boolean }): Promise<Map<string, CalendarEntry[]>> {
    const found = await orderDocs.find(
      {
        craftsmanId: { $in: [...craftsmanIds] },
        status: { $in: [...BOOKING_STATES] },
        'appointment.status': options.confirmedOnly ? 'confirmed' : { $in: ['proposed', 'countered', 'confirmed'] },
        'appointment.slot.start': { $lt: range.end },
        'appointment.slot.end': { $gt: range.start },
      },
      { limit: 5_000, projection: { timeline: 0 } },
    );
    const byCraftsman = new Map<string, CalendarEntry[]>();
    for (const order of found) {
      const a = order.appointment;
      if (!a || !order.craftsmanId) continue;
      const list = byCraftsman.get(order.craftsmanId) ?? [];
      list.push({ orderId: order._id, orderNumber: order.number ?? null, title: order.title, enterpriseName: order.enterpriseName, status: a.status, slot: a.slot, attendance: a.attendance });
      byCraftsman.set(order.craftsmanId, list);
    }
    for (const list of byCraftsman.values()) list.sort((x, y) => x.slot.start.localeCompare(y.slot.start));
    return byCraftsman;
  }
}

export type AppointmentService = ReturnType<typeof appointmentService>;
