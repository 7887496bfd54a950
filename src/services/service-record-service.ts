import { conflict, DuplicateKeyError, invalid, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { serviceRecordScope, staffReachesRegion } from '../domain/access/scope.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Order, ServiceRecord, ServiceRecordCreate } from '../domain/orders/order.js';
import { checkRecordDate, DAILY_HOURS_CAP, DISPUTABLE_ORDER_STATES, serviceDayOf, type DisputeStatus, type RecordDispute } from '../domain/orders/service-record-rules.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { dailyHoursLedger } from './daily-hours-ledger.js';
import { transitionOrder } from './order-transition.js';
import type { OrderService } from './order-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';
import { nextStatus } from '../domain/orders/state-machine.js';

/** The craftsman's side of the work (service records, resolution) and the enterprise's objection to a record. */
export function serviceRecordService(deps: ServiceDeps, orderService: OrderService) {
  const records = deps.store.collection<ServiceRecord>('serviceRecords');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const dailyHours = dailyHoursLedger(deps.store);
  const orders = deps.store.collection<Order>('orders');

  /** The order if the actor is its assigned craftsman (others see 404 or 403 by role). */
  async function assignedOrder(actor: Actor, orderId: string, action: 'service_record.create' | 'order.resolve'): Promise<Order> {
    authorize(actor, action, '只有承接该需求的劳模工匠可以执行此操作');
    const order = await orderService.load(actor, orderId);
    if (order.craftsmanId !== actor.craftsmanId) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    return order;
  }

  /** A record of an order in the actor's scope, with that order. */
  async function recordInScope(actor: Actor, recordId: string): Promise<{ record: ServiceRecord; order: Order }> {
    const record = await records.findById(recordId);
    const order = record ? await orderService.load(actor, record.orderId).catch(() => null) : null;
    if (!record || !order) throw notFound('SERVICE_RECORD_NOT_FOUND', '服务记录不存在');
    return { record, order };
  }

  return {
    /**
     * Records one service. With a `requestKey` (the client's Idempotency-Key) a retry of a submission
     * that did land — the answer was lost on a flaky link — returns that record, `replayed`, and records
     * nothing; a unique index on (craftsman, key) settles two retries racing each other.
     */
    async record(actor: Actor, orderId: string, input: ServiceRecordCreate, requestKey?: string): Promise<ServiceRecord & { replayed?: true }> {
      const order = await assignedOrder(actor, orderId, 'service_record.create');
      const earlier = async () => {
        const found = requestKey ? await records.findOne({ craftsmanId: order.craftsmanId as string, requestKey }) : null;
        if (found && found.orderId !== orderId) throw conflict('IDEMPOTENCY_KEY_REUSED', '同一个请求标识已用于另一项需求的服务记录', { field: 'Idempotency-Key' });
        return found ? { ...found, replayed: true as const } : null;
      };
      const done = await earlier();
      if (done) return done;
      nextStatus(order.status, 'record_service', actor.role);
      const refused = checkRecordDate({ date: input.date, acceptedAt: order.acceptedAt, now: nowIso(deps) });
      if (refused) throw invalid(refused.code, refused.message, { field: 'date' });
      const day = serviceDayOf(input.date);
      const participantIds = [...new Set(input.participantIds ?? [])].filter((id) => id !== order.craftsmanId);
      const notInTeam = participantIds.find((id) => !(order.teamMemberIds ?? []).includes(id));
      if (notInTeam) throw invalid('NOT_TEAM_MEMBER', '参与人应为该需求派单团队的成员', { field: 'participantIds', craftsmanId: notInTeam });
      const record: ServiceRecord = {
        _id: deps.ids.next('svc'),
        orderId,
        craftsmanId: order.craftsmanId as string,
        enterpriseId: order.enterpriseId,
        regionCode: order.regionCode,
        regionPath: order.regionPath,
        kind: input.kind,
        date: input.date,
        day,
        hours: input.hours,
        attendees: input.attendees ?? 0,
        summary: input.summary,
        ...(participantIds.length ? { participantIds } : {}),
        dispute: null,
        ...(requestKey ? { requestKey } : {}),
        createdAt: nowIso(deps),
      };
      // Every person who took part has the hours counted against their own daily cap.
      const people = [record.craftsmanId, ...participantIds];
      for (const id of people) await dailyHours.open(id, day);
      try {
        await deps.store.transaction(async () => {
          // Re-check the state inside the transaction: a cancel may have landed since the read.
          const fresh = await orderService.load(actor, orderId);
          nextStatus(fresh.status, 'record_service', actor.role);
          for (const id of people) {
            const hours = await dailyHours.take(id, day, input.hours);
            const who = id === record.craftsmanId ? '' : '参与成员';
            if (!hours.ok) throw invalid('DAILY_HOURS_EXCEEDED', `${who}每天登记的服务时长合计不超过 ${DAILY_HOURS_CAP} 小时，${day} 还可登记 ${hours.remaining} 小时`, { field: 'hours', day, remaining: hours.remaining, craftsmanId: id });
          }
          await records.insertOne(record);
          // The first record logged is the first contact or visit that 服务时限 asks for (logging time: a backdated record cannot meet it early).
          await orders.updateOne({ _id: orderId, firstContactAt: null }, { $set: { firstContactAt: record.createdAt } });
          await recordEvents(deps, [newEvent(deps, 'service.recorded', { type: 'order', id: orderId }, { recordId: record._id, craftsmanId: record.craftsmanId, kind: record.kind, hours: record.hours, attendees: record.attendees, enterpriseId: order.enterpriseId }, actor)]);
        });
      } catch (error) {
        // A concurrent retry with the same key won the insert (its hours were taken once, this transaction's rolled back): answer with its record.
        const raced = error instanceof DuplicateKeyError ? await earlier() : null;
        if (raced) return raced;
        throw error;
      }
      return record;
    },

    async list(actor: Actor, orderId: string): Promise<ServiceRecord[]> {
      authorize(actor, 'service_record.list');
      await orderService.load(actor, orderId);
      return records.find({ orderId }, { sort: { date: 1, createdAt: 1 } });
    },

    /** 服务记录异议: disputed records in the actor's scope, newest first, with their order's title and the craftsman's name. */
    async disputes(actor: Actor, query: PageQuery & { status?: DisputeStatus }) {
      authorize(actor, 'service_record.list');
      const filter = and(serviceRecordScope(actor), query.status ? { 'dispute.status': query.status } : { 'dispute.status': { $exists: true } });
      const page = await paginate(records, filter, query, { 'dispute.raisedAt': -1, _id: 1 });
      const orderIds = [...new Set(page.items.map((r) => r.orderId))];
      const craftsmanIds = [...new Set(page.items.map((r) => r.craftsmanId))];
      const [orders, people] = await Promise.all([
        deps.store.collection<Order>('orders').find({ _id: { $in: orderIds } }, { projection: { title: 1, enterpriseName: 1 } }),
        craftsmen.find({ _id: { $in: craftsmanIds } }, { projection: { name: 1 } }),
      ]);
      const orderOf = new Map(orders.map((o) => [o._id, o]));
      const nameOf = new Map(people.map((c) => [c._id, c.name]));
      return {
        ...page,
        items: page.items.map((r) => ({ ...r, orderTitle: orderOf.get(r.orderId)?.title ?? null, enterpriseName: orderOf.get(r.orderId)?.enterpriseName ?? null, craftsmanName: nameOf.get(r.craftsmanId) ?? null })),
      };
    },

    async resolve(actor: Actor, orderId: string, summary: string): Promise<Order> {
      const order = await assignedOrder(actor, orderId, 'order.resolve');
      return deps.store.transaction(async () => {
        const resolved = await transitionOrder(deps, order, 'resolve', actor, {
          guard: { craftsmanId: actor.craftsmanId },
          set: { resolution: summary, resolvedAt: nowIso(deps) },
          events: [newEvent(deps, 'order.resolved', { type: 'order', id: orderId }, { craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, title: order.title }, actor)],
        });
        // The lead and every team member give back the slot the order held.
        for (const id of [order.craftsmanId as string, ...(order.teamMemberIds ?? [])]) await craftsmen.updateOne({ _id: id, activeCount: { $gt: 0 } }, { $inc: { activeCount: -1 } });
        return resolved;
      });
    },

    /** 异议: the enterprise, asked to confirm (or after), objects to one record; it counts for nothing until staff decide. */
    async dispute(actor: Actor, recordId: string, reason: string): Promise<ServiceRecord> {
      authorize(actor, 'service_record.dispute', '只有需求所属企业可以对服务记录提出异议');
      const { record, order } = await recordInScope(actor, recordId);
      if (!(DISPUTABLE_ORDER_STATES as readonly string[]).includes(order.status)) throw conflict('ORDER_NOT_RESOLVED', '需求提交解决后才能对服务记录提出异议', { status: order.status });
      if (record.dispute) throw conflict('RECORD_ALREADY_DISPUTED', '该服务记录已提出过异议', { dispute: record.dispute.status });
      const dispute: RecordDispute = { status: 'open', reason, raisedBy: actor.userId, raisedAt: nowIso(deps) };
      return deps.store.transaction(async () => {
        const updated = await records.updateOne({ _id: recordId, $or: [{ dispute: null }, { dispute: { $exists: false } }] }, { $set: { dispute } });
        if (!updated) throw conflict('RECORD_ALREADY_DISPUTED', '该服务记录已提出过异议');
        await recordEvents(deps, [newEvent(deps, 'service.disputed', { type: 'order', id: order._id }, { recordId, craftsmanId: record.craftsmanId, enterpriseId: order.enterpriseId, reason, regionCode: order.regionCode, day: record.day ?? serviceDayOf(record.date), hours: record.hours }, actor)]);
        return updated;
      });
    },

    /** Staff reaching the order's region decide: uphold (the record is struck) or dismiss (it counts again). */
    async decideDispute(actor: Actor, recordId: string, input: { uphold: boolean; reason: string }): Promise<ServiceRecord> {
      authorize(actor, 'service_record.decide_dispute', '只有工会工作人员可以处理服务记录异议');
      const { record, order } = await recordInScope(actor, recordId);
      if (!staffReachesRegion(actor, order.regionPath)) throw notFound('SERVICE_RECORD_NOT_FOUND', '服务记录不存在');
      if (record.dispute?.status !== 'open') throw conflict('DISPUTE_NOT_OPEN', '该服务记录没有待处理的异议');
      const at = nowIso(deps);
      const decided: RecordDispute = { ...record.dispute, status: input.uphold ? 'upheld' : 'dismissed', decidedBy: actor.userId, decidedAt: at, decisionReason: input.reason };
      return deps.store.transaction(async () => {
        const updated = await records.updateOne({ _id: recordId, 'dispute.status': 'open' }, { $set: { dispute: decided } });
        if (!updated) throw conflict('DISPUTE_NOT_OPEN', '该服务记录的异议刚被他人处理');
        // A struck record no longer claims its hours of that day.
        if (input.uphold) for (const id of [record.craftsmanId, ...(record.participantIds ?? [])]) await dailyHours.release(id, record.day ?? serviceDayOf(record.date), record.hours);
        await recordEvents(deps, [newEvent(deps, 'service.dispute_decided', { type: 'order', id: order._id }, { recordId, craftsmanId: record.craftsmanId, enterpriseId: order.enterpriseId, outcome: decided.status, reason: input.reason, day: record.day ?? serviceDayOf(record.date), hours: record.hours }, actor)]);
        return updated;
      });
    },
  };
}

export type ServiceRecordService = ReturnType<typeof serviceRecordService>;
