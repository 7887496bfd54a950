import { authorize } from '../domain/access/policy.js';
import { orderLimitsId, pickOrderLimits, type OrderLimits, type StoredOrderLimits } from '../domain/orders/order-limits.js';
import { orgIdForRegion } from '../domain/orgs/union-org.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { nowIso } from './shared.js';

/** 点单限额 per union org, inherited down the tree. */
export function orderLimitService(deps: ServiceDeps, reference: ReferenceService) {
  const policies = deps.store.collection<StoredOrderLimits>('policies');

  // Checked on every submit and only read: the stored policies themselves, not copies.
  const pick = async (candidates: string[]) => pickOrderLimits(await policies.find({ _id: { $in: candidates } }, { readOnly: true }), candidates);

  return {
    /** The limits for an enterprise at this region path: the nearest federation org with its own. */
    forRegionPath: (path: readonly string[]) => pick([...path].reverse().map((code) => orderLimitsId(orgIdForRegion(code)))),

    async get(actor: Actor, orgId: string) {
      authorize(actor, 'order_limits.read');
      const org = await reference.getOrg(actor, orgId);
      return { orgId, ...(await pick([org._id, ...[...org.ancestorIds].reverse()].map(orderLimitsId))) };
    },

    async put(actor: Actor, orgId: string, limits: OrderLimits) {
      authorize(actor, 'order_limits.write');
      await reference.getOrg(actor, orgId);
      await policies.updateOne({ _id: orderLimitsId(orgId) }, { $set: { limits, updatedAt: nowIso(deps), updatedBy: actor.userId } }, { upsert: true });
      return { orgId, limits, source: orderLimitsId(orgId) };
    },
  };
}

export type OrderLimitService = ReturnType<typeof orderLimitService>;
