import { authorize } from '../domain/access/policy.js';
import { staffReachesOrg } from '../domain/access/scope.js';
import type { Order, TimelineEntry } from '../domain/orders/order.js';
import { mayOwnOrder, type OwnerAssign } from '../domain/orders/owner.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Actor, User } from '../domain/users/user.js';
import { conflict, notFound } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { newEvent, nowIso, recordEvents } from './shared.js';

/** 责任人: hands an order to another union staff member in reach, with a reason on its timeline. */
export function orderOwnerService(deps: ServiceDeps, orders: OrderService) {
  const orderDocs = deps.store.collection<Order>('orders');
  const users = deps.store.collection<User>('users');
  const orgs = deps.store.collection<UnionOrg>('orgs');

  return {
    async assign(actor: Actor, orderId: string, input: OwnerAssign): Promise<Order> {
      authorize(actor, 'order.assign_owner', '只有工会工作人员可以指定责任人');
      const order = await orders.load(actor, orderId);
      const candidate = await users.findById(input.ownerId);
      const org = candidate?.orgId ? await orgs.findById(candidate.orgId) : null;
      // A colleague the actor does not reach is answered as missing, like any record out of scope.
      if (!candidate || !org || !staffReachesOrg(actor, org)) throw notFound('USER_NOT_FOUND', '工作人员不存在');
      if (!mayOwnOrder(candidate, org, order)) throw conflict('OWNER_OUT_OF_REACH', '该工作人员的管辖范围不含此需求（或账号已停用），不能担任责任人', { field: 'ownerId' });
      if (order.ownerId === candidate._id) throw conflict('OWNER_UNCHANGED', '该工作人员已是此需求的责任人');
      const at = nowIso(deps);
      const entry: TimelineEntry = { at, action: 'assign_owner', from: order.status, to: order.status, actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName, reason: `责任人改为${candidate.displayName}：${input.reason}` };
      return deps.store.transaction(async () => {
        // Conditional on the owner read: of two racing hand-overs one wins, the other is told to refresh.
        const updated = await orderDocs.updateOne(
          { _id: order._id, ownerId: order.ownerId ?? null },
          { $set: { ownerId: candidate._id, ownerName: candidate.displayName, updatedAt: at }, $push: { timeline: entry } },
        );
        if (!updated) throw conflict('ORDER_CHANGED', '需求刚被他人处理，请刷新后重试');
        await recordEvents(deps, [
          newEvent(deps, 'order.owner_changed', { type: 'order', id: order._id }, { ownerId: candidate._id, ownerName: candidate.displayName, previousOwnerId: order.ownerId ?? null, reason: input.reason, enterpriseId: order.enterpriseId }, actor),
        ]);
        return updated;
      });
    },
  };
}

export type OrderOwnerService = ReturnType<typeof orderOwnerService>;
