import { forbidden, notFound } from '../errors.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Order, ServiceRecord, ServiceRecordCreate } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { transitionOrder } from './order-transition.js';
import type { OrderService } from './order-service.js';
import { newEvent, nowIso, recordEvents } from './shared.js';
import { nextStatus } from '../domain/orders/state-machine.js';

/** The craftsman's side of the work: service records (visits, sessions) and resolution. */
export function serviceRecordService(deps: ServiceDeps, orderService: OrderService) {
  const records = deps.store.collection<ServiceRecord>('serviceRecords');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');

  /** The order if the actor is its assigned craftsman (others see 404 or 403 by role). */
  async function assignedOrder(actor: Actor, orderId: string): Promise<Order> {
    if (actor.role !== 'craftsman') throw forbidden('ACTION_NOT_ALLOWED', '只有承接该需求的劳模工匠可以执行此操作');
    const order = await orderService.load(actor, orderId);
    if (order.craftsmanId !== actor.craftsmanId) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    return order;
  }

  return {
    async record(actor: Actor, orderId: string, input: ServiceRecordCreate): Promise<ServiceRecord> {
      const order = await assignedOrder(actor, orderId);
      nextStatus(order.status, 'record_service', actor.role);
      const record: ServiceRecord = {
        _id: deps.ids.next('svc'),
        orderId,
        craftsmanId: order.craftsmanId as string,
        enterpriseId: order.enterpriseId,
        regionCode: order.regionCode,
        regionPath: order.regionPath,
        kind: input.kind,
        date: input.date,
        hours: input.hours,
        attendees: input.attendees ?? 0,
        summary: input.summary,
        createdAt: nowIso(deps),
      };
      await deps.store.transaction(async () => {
        // Re-check the state inside the transaction: a cancel may have landed since the read.
        const fresh = await orderService.load(actor, orderId);
        nextStatus(fresh.status, 'record_service', actor.role);
        await records.insertOne(record);
        await recordEvents(deps, [newEvent(deps, 'service.recorded', { type: 'order', id: orderId }, { recordId: record._id, craftsmanId: record.craftsmanId, kind: record.kind, hours: record.hours, attendees: record.attendees, enterpriseId: order.enterpriseId }, actor)]);
      });
      return record;
    },

    async list(actor: Actor, orderId: string): Promise<ServiceRecord[]> {
      await orderService.load(actor, orderId);
      return records.find({ orderId }, { sort: { date: 1, createdAt: 1 } });
    },

    async resolve(actor: Actor, orderId: string, summary: string): Promise<Order> {
      const order = await assignedOrder(actor, orderId);
      return deps.store.transaction(async () => {
        const resolved = await transitionOrder(deps, order, 'resolve', actor, {
          guard: { craftsmanId: actor.craftsmanId },
          set: { resolution: summary, resolvedAt: nowIso(deps) },
          events: [newEvent(deps, 'order.resolved', { type: 'order', id: orderId }, { craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, title: order.title }, actor)],
        });
        await craftsmen.updateOne({ _id: order.craftsmanId as string, activeCount: { $gt: 0 } }, { $inc: { activeCount: -1 } });
        return resolved;
      });
    },
  };
}

export type ServiceRecordService = ReturnType<typeof serviceRecordService>;
