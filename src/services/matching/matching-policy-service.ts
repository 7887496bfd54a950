import { notFound } from '../../errors.js';
import { staffReachesOrg } from '../../domain/access/scope.js';
import {
  DEFAULT_MATCHING_POLICY,
  matchingPolicyOverrideSchema,
  mergePolicy,
  offerDeadlineMinutes,
  type MatchingPolicy,
  type MatchingPolicyOverride,
} from '../../domain/matching/index.js';
import { matchingAuditEntry, type MatchingAuditAction, type MatchingAuditEntry } from '../../domain/matching/matching-audit.js';
import type { Order } from '../../domain/orders/order.js';
import type { UnionOrg } from '../../domain/orgs/union-org.js';
import type { PageQuery } from '../../domain/shared/values.js';
import type { Actor } from '../../domain/users/user.js';
import type { ServiceDeps } from '../deps.js';
import type { ReferenceService } from '../reference-service.js';
import { nowIso, paginate } from '../shared.js';

interface PolicyDoc {
  _id: string;
  override: MatchingPolicyOverride;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

/**
 * 匹配策略: each union org's own matching policy, inherited down the tree, with its audit trail. This is
 * the one place shared policy is read from: dispatch (offer deadlines) and the SLA timers (acceptance
 * hours) are given `offerMinutes` and `acceptSlaHours` by the composition root instead of having
 * their settings rewritten.
 */
export function matchingPolicyService(deps: ServiceDeps, reference: ReferenceService) {
  const policies = deps.store.collection<PolicyDoc>('policies');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const audit = deps.store.collection<MatchingAuditEntry>('matchingAudit');

  /** The org whose policy and reach apply to an order: where it was escalated to, else the federation serving its region. */
  async function governingOrg(order: Order): Promise<UnionOrg | null> {
    if (order.escalatedToOrgId) return orgs.findById(order.escalatedToOrgId);
    return reference.orgForRegionPath(order.regionPath);
  }

  async function effectivePolicy(org: UnionOrg | null): Promise<MatchingPolicy> {
    if (!org) return DEFAULT_MATCHING_POLICY;
    const chain = [...org.ancestorIds, org._id];
    const found = new Map((await policies.find({ _id: { $in: chain } })).map((p) => [p._id, p.override]));
    return mergePolicy(chain.map((id) => found.get(id)));
  }

  async function mustManageOrg(actor: Actor, orgId: string): Promise<UnionOrg> {
    const org = await orgs.findById(orgId);
    if (!org || !staffReachesOrg(actor, org)) throw notFound('ORG_NOT_FOUND', '工会组织不存在');
    return org;
  }

  return {
    governingOrg,
    effectivePolicy,
    /** The policy governing an order (see `governingOrg`). */
    policyFor: async (order: Order) => effectivePolicy(await governingOrg(order)),
    /** Minutes an offer on this order stays open when its sender names no deadline. */
    offerMinutes: async (order: Order) => offerDeadlineMinutes(await effectivePolicy(await governingOrg(order)), order.urgency),
    /** Hours an open order may wait for acceptance before it is escalated. */
    acceptSlaHours: async (order: Order) => (await effectivePolicy(await governingOrg(order))).acceptSlaHours[order.urgency],

    async getPolicy(actor: Actor, orgId: string) {
      const org = await mustManageOrg(actor, orgId);
      const own = await policies.findById(orgId);
      return { orgId, own: own?.override ?? null, updatedAt: own?.updatedAt ?? null, effective: await effectivePolicy(org) };
    },

    /** Sets an org's own policy and writes who changed what into the matching audit trail, in one transaction. */
    async putPolicy(actor: Actor, orgId: string, input: unknown, source: { action: MatchingAuditAction; details?: Record<string, unknown> } = { action: 'matching_policy.updated' }) {
      const org = await mustManageOrg(actor, orgId);
      const override = matchingPolicyOverrideSchema.parse(input);
      const at = nowIso(deps);
      await deps.store.transaction(async () => {
        const before = await policies.findById(orgId);
        await policies.updateOne({ _id: orgId }, { $set: { override, updatedAt: at, updatedBy: actor.userId } }, { upsert: true });
        await audit.insertOne(matchingAuditEntry({ id: deps.ids.next('mau'), at, actor, orgId, action: source.action, before: before?.override ?? null, after: override, details: source.details }));
      });
      return { orgId, own: override, effective: await effectivePolicy(org) };
    },

    /** The org's trail of policy and taxonomy changes, newest first. */
    async auditTrail(actor: Actor, orgId: string, query: PageQuery) {
      await mustManageOrg(actor, orgId);
      return paginate(audit, { orgId }, query, { at: -1, _id: -1 });
    },
  };
}

export type MatchingPolicyService = ReturnType<typeof matchingPolicyService>;
