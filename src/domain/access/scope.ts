import type { Actor } from '../users/user.js';

/**
 * Access scope as store filters: what each role may see. A record out of scope is answered as
 * missing (404), so these filters are ANDed into every read and every conditional write.
 */
export type ScopeFilter = Record<string, unknown>;

/** Matches nothing: the anonymous actor's scope, and a login whose subject is missing. */
const NOTHING: ScopeFilter = { _id: { $in: [] } };

/** The region a craftsman may claim open orders in: its prefecture (州), so it can serve neighbouring counties. */
export function craftsmanReachCode(craftsmanRegionCode: string): string {
  return `${craftsmanRegionCode.slice(0, 4)}00`;
}

/** Union staff reach: an enterprise union sees its enterprise; a federation sees its region's subtree. */
function staffFilter(actor: Actor, enterpriseField: string): ScopeFilter {
  if (actor.orgEnterpriseId) return { [enterpriseField]: actor.orgEnterpriseId };
  if (actor.orgRegionCode) return { regionPath: actor.orgRegionCode };
  return { _id: { $in: [] } };
}

export function orderScope(actor: Actor, craftsmanReach?: string): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return NOTHING;
    case 'union_staff':
      return staffFilter(actor, 'enterpriseId');
    case 'enterprise':
      return { enterpriseId: actor.enterpriseId ?? '-' };
    case 'craftsman': {
      const mine: ScopeFilter[] = [{ craftsmanId: actor.craftsmanId ?? '-' }, { offeredCraftsmanIds: actor.craftsmanId ?? '-' }];
      if (craftsmanReach) mine.push({ status: 'open', regionPath: craftsmanReach });
      return { $or: mine };
    }
  }
}

export function offerScope(actor: Actor): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return NOTHING;
    case 'union_staff':
      return staffFilter(actor, 'enterpriseId');
    case 'craftsman':
      return { craftsmanId: actor.craftsmanId ?? '-' };
    case 'enterprise':
      return { enterpriseId: actor.enterpriseId ?? '-' };
  }
}

/** 服务记录: staff see those of enterprises in reach, an enterprise those of its orders, a craftsman its own. */
export const serviceRecordScope = (actor: Actor): ScopeFilter => offerScope(actor);

export function enterpriseScope(actor: Actor): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return NOTHING;
    case 'union_staff':
      return staffFilter(actor, '_id');
    case 'enterprise':
      return { _id: actor.enterpriseId ?? '-' };
    case 'craftsman':
      return { _id: { $in: [] } };
  }
}

/** Craftsman profiles: staff see their subtree; a craftsman itself; enterprises browse their prefecture's talent pool. */
export function craftsmanScope(actor: Actor, enterpriseRegionCode?: string): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return NOTHING;
    case 'union_staff':
      return actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : { _id: { $in: [] } };
    case 'craftsman':
      return { _id: actor.craftsmanId ?? '-' };
    case 'enterprise':
      return enterpriseRegionCode ? { regionPath: craftsmanReachCode(enterpriseRegionCode), status: 'active' } : { _id: { $in: [] } };
  }
}

/** Whether union staff (or admin) reach a region code, e.g. to register someone there. */
export function staffReachesRegion(actor: Actor, regionPathOfTarget: string[]): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role !== 'union_staff' || !actor.orgRegionCode) return false;
  if (actor.orgEnterpriseId) return false;
  return regionPathOfTarget.includes(actor.orgRegionCode);
}

/** Whether an actor reaches a union org: admin any; staff their own org and every org below it. */
export function staffReachesOrg(actor: Actor, org: { _id: string; ancestorIds: readonly string[] }): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role !== 'union_staff' || !actor.orgId) return false;
  return org._id === actor.orgId || org.ancestorIds.includes(actor.orgId);
}

/** Orgs an actor reaches, as a store filter over the orgs collection. */
export function orgScope(actor: Actor): ScopeFilter {
  if (actor.role === 'admin' || actor.role === 'system') return {};
  if (actor.role !== 'union_staff' || !actor.orgId) return NOTHING;
  return { $or: [{ _id: actor.orgId }, { ancestorIds: actor.orgId }] };
}

/**
 * Records kept per governing org (派单决策记录: `orgId` and `orgAncestorIds`): federation staff see those
 * of their org and the orgs below it; an enterprise union, enterprises and craftsmen none.
 */
export function governingOrgScope(actor: Actor): ScopeFilter {
  if (actor.role === 'admin' || actor.role === 'system') return {};
  if (actor.role !== 'union_staff' || !actor.orgId || actor.orgEnterpriseId) return NOTHING;
  return { $or: [{ orgId: actor.orgId }, { orgAncestorIds: actor.orgId }] };
}

/** The prefecture (州) holding a region: an enterprise's orders stay inside it unless staff place them. */
export const prefectureOf = craftsmanReachCode;

/** 资料变更申请: the subject sees its own; federation staff those of subjects in their subtree. */
export function profileChangeScope(actor: Actor): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'union_staff':
      return actor.orgRegionCode && !actor.orgEnterpriseId ? { regionPath: actor.orgRegionCode } : NOTHING;
    case 'enterprise':
      return { subjectType: 'enterprise', subjectId: actor.enterpriseId ?? '-' };
    case 'craftsman':
      return { subjectType: 'craftsman', subjectId: actor.craftsmanId ?? '-' };
    case 'anonymous':
      return NOTHING;
  }
}

/** 工作室: staff see studios in their region's subtree (an enterprise union none); a craftsman the studios it leads or belongs to. */
export function studioScope(actor: Actor): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'union_staff':
      return actor.orgEnterpriseId || !actor.orgRegionCode ? NOTHING : { regionPath: actor.orgRegionCode };
    case 'craftsman':
      return { $or: [{ leadCraftsmanId: actor.craftsmanId ?? '-' }, { memberIds: actor.craftsmanId ?? '-' }] };
    case 'enterprise':
    case 'anonymous':
      return NOTHING;
  }
}
