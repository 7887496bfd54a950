import { authorize } from '../domain/access/policy.js';
import { complaintScope } from '../domain/access/scope.js';
import {
  COMPLAINABLE_ORDER_STATES,
  DEFAULT_COMPLAINT_DAYS,
  complaintDueAt,
  complaintOverdue,
  targetAllowed,
  type Complaint,
  type ComplaintCreate,
  type ComplaintDecision,
  type ComplaintStatus,
} from '../domain/orders/complaint.js';
import type { Order } from '../domain/orders/order.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import type { ServiceLimitPolicyService } from './service-limit-policy-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

export interface ComplaintQuery extends PageQuery {
  status?: ComplaintStatus[];
  orderId?: string;
  /** Open complaints past their handling time only. */
  overdue?: boolean;
}

/**
 * 投诉: filed by the enterprise or the craftsman of an order, handled by staff reaching the order with
 * an outcome and a reason (once: a conditional move from `open`, with its event, in one transaction).
 */
export function complaintService(deps: ServiceDeps, orders: OrderService, limits: Pick<ServiceLimitPolicyService, 'forRegionPath'>) {
  const complaints = deps.store.collection<Complaint>('complaints');
  const orderDocs = deps.store.collection<Order>('orders');
  const view = (c: Complaint) => ({ ...c, overdue: complaintOverdue(c, nowIso(deps)) });

  async function inScope(actor: Actor, id: string): Promise<Complaint> {
    const found = await complaints.findOne(and({ _id: id }, complaintScope(actor)));
    if (!found) throw notFound('COMPLAINT_NOT_FOUND', '投诉不存在');
    return found;
  }

  return {
    async file(actor: Actor, orderId: string, input: ComplaintCreate) {
      authorize(actor, 'complaint.file', '只有需求所属企业或承接的劳模工匠可以投诉');
      const order = await orders.load(actor, orderId);
      const role = actor.role as 'enterprise' | 'craftsman';
      // A craftsman sees orders it was offered; only the one who took the work may complain about it.
      if (role === 'craftsman' && order.craftsmanId !== actor.craftsmanId) throw notFound('ORDER_NOT_FOUND', '需求不存在');
      if (!order.craftsmanId || !COMPLAINABLE_ORDER_STATES.includes(order.status)) throw conflict('ORDER_NOT_COMPLAINABLE', '劳模工匠接单后才能对该需求投诉', { status: order.status });
      if (!targetAllowed(role, input.target)) throw invalid('COMPLAINT_TARGET_INVALID', '企业可投诉劳模工匠或工会服务，劳模工匠可投诉企业或工会服务', { field: 'target' });
      const pending = await complaints.findOne({ orderId, complainantRole: role, status: 'open' });
      if (pending) throw conflict('COMPLAINT_ALREADY_OPEN', '您对该需求已有一件待处理的投诉，请等待工会处理', { complaintId: pending._id });
      const { limits: policy } = await limits.forRegionPath(order.regionPath);
      const filedAt = nowIso(deps);
      const complaint: Complaint = {
        _id: deps.ids.next('cmp'),
        orderId,
        orderTitle: order.title,
        orderNumber: order.number ?? null,
        enterpriseId: order.enterpriseId,
        enterpriseName: order.enterpriseName,
        craftsmanId: order.craftsmanId,
        regionCode: order.regionCode,
        regionPath: order.regionPath,
        complainantRole: role,
        complainantUserId: actor.userId,
        complainantName: actor.displayName,
        target: input.target,
        category: input.category,
        text: input.text,
        status: 'open',
        filedAt,
        dueAt: complaintDueAt(filedAt, policy.complaintDays ?? DEFAULT_COMPLAINT_DAYS),
        decidedAt: null,
        decidedBy: null,
        decidedByName: null,
        decisionReason: null,
      };
      await deps.store.transaction(async () => {
        await complaints.insertOne(complaint);
        await orderDocs.updateOne(
          { _id: orderId },
          { $push: { timeline: { at: filedAt, action: 'complaint', from: order.status, to: order.status, actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName, reason: `投诉：${input.text}` } } },
        );
        await recordEvents(deps, [
          newEvent(
            deps,
            'order.complaint_filed',
            { type: 'order', id: orderId },
            { complaintId: complaint._id, complainantRole: role, complainantUserId: actor.userId, target: input.target, category: input.category, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, dueAt: complaint.dueAt },
            actor,
          ),
        ]);
      });
      return view(complaint);
    },

    /** Staff: complaints in reach (open first, by due time); the enterprise and the craftsman: those they filed. */
    async list(actor: Actor, query: ComplaintQuery) {
      authorize(actor, 'complaint.list');
      const now = nowIso(deps);
      const filter = and(
        complaintScope(actor),
        query.status?.length ? { status: { $in: query.status } } : {},
        query.orderId ? { orderId: query.orderId } : {},
        query.overdue ? { status: 'open', dueAt: { $lt: now } } : {},
      );
      const page = await paginate(complaints, filter, query, { status: -1, dueAt: 1, _id: 1 });
      return { ...page, items: page.items.map(view) };
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'complaint.read');
      return view(await inScope(actor, id));
    },

    /** Staff reaching the order record the outcome and why; the complainant is told. */
    async decide(actor: Actor, id: string, input: ComplaintDecision) {
      authorize(actor, 'complaint.decide', '只有工会工作人员可以处理投诉');
      const complaint = await inScope(actor, id);
      if (complaint.status !== 'open') throw conflict('COMPLAINT_NOT_OPEN', '该投诉已处理', { status: complaint.status });
      const at = nowIso(deps);
      const outcome: ComplaintStatus = input.uphold ? 'upheld' : 'dismissed';
      return deps.store.transaction(async () => {
        const saved = await complaints.updateOne(
          { _id: id, status: 'open' },
          { $set: { status: outcome, decidedAt: at, decidedBy: actor.userId, decidedByName: actor.displayName, decisionReason: input.reason } },
        );
        if (!saved) throw conflict('COMPLAINT_NOT_OPEN', '该投诉刚被他人处理');
        const order = await orderDocs.findById(complaint.orderId);
        if (order) {
          await orderDocs.updateOne(
            { _id: order._id },
            { $push: { timeline: { at, action: 'complaint_decision', from: order.status, to: order.status, actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName, reason: `投诉${outcome === 'upheld' ? '成立' : '不成立'}：${input.reason}` } } },
          );
        }
        await recordEvents(deps, [
          newEvent(
            deps,
            'order.complaint_decided',
            { type: 'order', id: complaint.orderId },
            { complaintId: id, outcome, reason: input.reason, target: complaint.target, complainantRole: complaint.complainantRole, complainantUserId: complaint.complainantUserId, craftsmanId: complaint.craftsmanId, enterpriseId: complaint.enterpriseId },
            actor,
          ),
        ]);
        return view(saved);
      });
    },
  };
}

export type ComplaintService = ReturnType<typeof complaintService>;
