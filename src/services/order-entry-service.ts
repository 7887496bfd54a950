import { checkPreferredWindows } from '../domain/orders/appointment.js';
import { authorize } from '../domain/access/policy.js';
import { enterpriseScope, staffReachesRegion } from '../domain/access/scope.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import { defaultOwner, orderSourceLabels, untouchedLifecycle, type Order } from '../domain/orders/order.js';
import type { OrderEntryInput } from '../domain/orders/order-entry.js';
import { regionPath } from '../domain/regions/region.js';
import type { Actor } from '../domain/users/user.js';
import { forbidden, notFound } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import type { EnterpriseService } from './enterprise-service.js';
import type { OrderLimitService } from './order-limit-service.js';
import type { OrderNumberService } from './order-number-service.js';
import { checkLinkedOrder, checkOpenOrderLimit, type OrderService } from './order-service.js';
import type { ReferenceService } from './reference-service.js';
import { and, newEvent, nowIso, recordEvents } from './shared.js';

/**
 * 代录: union staff enter a need on an enterprise's behalf. The staff member has heard the need (on
 * a visit, on the 12351 hotline, from a chair or a grid worker) and vouches for it, so the order starts
 * `open` (vetted by whoever entered it); the enterprise is told and owns it like one it submitted.
 */
export function orderEntryService(deps: ServiceDeps, parts: { reference: ReferenceService; limits: OrderLimitService; orders: OrderService; enterprises: EnterpriseService; numbers: Pick<OrderNumberService, 'next'> }) {
  const orders = deps.store.collection<Order>('orders');
  const enterprises = deps.store.collection<Enterprise>('enterprises');

  /** A registered enterprise in the actor's reach (404 otherwise), or one registered now with the actor's own checks. */
  async function enterpriseFor(actor: Actor, input: OrderEntryInput): Promise<Enterprise> {
    if (input.enterprise) {
      const created = await parts.enterprises.create(actor, input.enterprise);
      const stored = await enterprises.findById(created._id);
      if (!stored) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
      return stored;
    }
    const found = await enterprises.findOne(and({ _id: input.enterpriseId ?? '-' }, enterpriseScope(actor)));
    if (!found) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
    return found;
  }

  return {
    async enter(actor: Actor, input: OrderEntryInput): Promise<Order> {
      authorize(actor, 'order.enter', '只有工会工作人员可以代录需求');
      const preferredWindows = checkPreferredWindows(input.preferredWindows ?? [], nowIso(deps));
      // Reach is checked before anything is registered: an enterprise out of reach is 404, a new one outside it 403.
      const enterprise = await enterpriseFor(actor, input);
      const regionCode = input.regionCode ?? enterprise.regionCode;
      const path = regionPath(regionCode);
      if (input.regionCode) {
        await parts.reference.requireRegion(input.regionCode);
        if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '只能把需求安排在本级工会管辖范围内', { field: 'regionCode' });
      }
      await checkOpenOrderLimit(deps, parts.limits, enterprise);
      await checkLinkedOrder(deps, enterprise._id, input.linkedOrderId);
      const now = nowIso(deps);
      const { source, sourceNote, enterpriseId: _id, enterprise: _new, ...fields } = input;
      const enteredBy = { userId: actor.userId, name: actor.displayName, orgId: actor.orgId ?? null, note: sourceNote ?? null };
      const order: Order = {
        _id: deps.ids.next('ord'),
        enterpriseId: enterprise._id,
        enterpriseName: enterprise.name,
        ...fields,
        preferredWindows,
        appointment: null,
        regionCode,
        regionPath: path,
        status: 'open',
        source,
        enteredBy,
        ...untouchedLifecycle(now),
        ...defaultOwner(actor),
        timeline: [{ at: now, action: 'enter', from: null, to: 'open', actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName, reason: `代录（${orderSourceLabels[source]}）${sourceNote ? `：${sourceNote}` : ''}` }],
      };
      // The number is taken inside the transaction, as for an enterprise's own submission.
      const numbered = await deps.store.transaction(async () => {
        const withNumber: Order = { ...order, number: await parts.numbers.next(order) };
        await orders.insertOne(withNumber);
        await recordEvents(deps, [
          newEvent(deps, 'order.entered', { type: 'order', id: order._id }, { enterpriseId: order.enterpriseId, regionCode, category: order.category, urgency: order.urgency, source, enteredBy: actor.userId, enteredByName: actor.displayName, number: withNumber.number }, actor),
        ]);
        return withNumber;
      });
      await parts.orders.notifyOpened(numbered);
      return numbered;
    },
  };
}

export type OrderEntryService = ReturnType<typeof orderEntryService>;
