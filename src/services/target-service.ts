import { authorize } from '../domain/access/policy.js';
import type { Period } from '../domain/stats/period.js';
import { targetId, type Target, type TargetValues } from '../domain/stats/targets.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { nowIso } from './shared.js';

/** 目标任务: each org sets its own targets per period (year, quarter or month). */
export function targetService(deps: ServiceDeps, reference: ReferenceService) {
  const targets = deps.store.collection<Target>('targets');

  return {
    /** Staff of the org or of an ancestor, and admin, set an org's targets; metrics given replace those stored. */
    async put(actor: Actor, orgId: string, input: { period: Period; metrics: TargetValues }): Promise<Target> {
      authorize(actor, 'targets.write', '只有工会工作人员可以设置目标任务');
      const org = await reference.getOrg(actor, orgId);
      const now = nowIso(deps);
      const saved = await targets.updateOne(
        { _id: targetId(org._id, input.period) },
        { $set: { metrics: input.metrics, updatedAt: now, updatedBy: actor.userId }, $setOnInsert: { orgId: org._id, period: input.period } },
        { upsert: true },
      );
      return saved as Target;
    },

    /** The org's own targets for a period, or null when none are set. */
    async get(actor: Actor, orgId: string, period: Period): Promise<Target | null> {
      authorize(actor, 'targets.read');
      const org = await reference.getOrg(actor, orgId);
      return targets.findById(targetId(org._id, period));
    },

    /** Targets of several orgs for one period (no access check: callers have checked the parent). */
    async forOrgs(orgIds: string[], period: Period): Promise<Map<string, TargetValues>> {
      const found = await targets.find({ _id: { $in: orgIds.map((id) => targetId(id, period)) } });
      return new Map(found.map((t) => [t.orgId, t.metrics]));
    },
  };
}

export type TargetService = ReturnType<typeof targetService>;
