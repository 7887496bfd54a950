import { authorize } from '../domain/access/policy.js';
import { pickServiceLimits, serviceLimitsId, type ServiceLimits, type StoredServiceLimits } from '../domain/orders/service-limits.js';
import { orgIdForRegion } from '../domain/orgs/union-org.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { nowIso } from './shared.js';

/** 服务时限 per union org, inherited down the tree (the nearest org with its own wins). */
export function serviceLimitPolicyService(deps: ServiceDeps, reference: ReferenceService) {
  const policies = deps.store.collection<StoredServiceLimits>('policies');
  const pick = async (candidates: string[]) => pickServiceLimits(await policies.find({ _id: { $in: candidates } }), candidates);

  return {
    /** The limits for an order at this region path. */
    forRegionPath: (path: readonly string[]) => pick([...path].reverse().map((code) => serviceLimitsId(orgIdForRegion(code)))),

    async get(actor: Actor, orgId: string) {
      authorize(actor, 'service_limits.read');
      const org = await reference.getOrg(actor, orgId);
      return { orgId, ...(await pick([org._id, ...[...org.ancestorIds].reverse()].map(serviceLimitsId))) };
    },

    async put(actor: Actor, orgId: string, limits: ServiceLimits) {
      authorize(actor, 'service_limits.write');
      await reference.getOrg(actor, orgId);
      await policies.updateOne({ _id: serviceLimitsId(orgId) }, { $set: { limits, updatedAt: nowIso(deps), updatedBy: actor.userId } }, { upsert: true });
      return { orgId, limits, source: serviceLimitsId(orgId) };
    },
  };
}

export type ServiceLimitPolicyService = ReturnType<typeof serviceLimitPolicyService>;
