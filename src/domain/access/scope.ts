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

/**
 * 人才库: the craftsmen an enterprise may find, read and name in an order — the active ones of its
 * prefecture (州), the same place its own orders stay in. Its store filter, search filter
 * (search-scope.ts) and the check on a named craftsman all come from here.
 */
export function talentPoolReach(enterpriseRegionCode: string): { regionPath: string; status: 'active' } {
  return { regionPath: craftsmanReachCode(enterpriseRegionCode), status: 'active' };
}

/** Orders that put a craftsman in touch with an enterprise: accepted or claimed by them, not cancelled. */
export const CONTACT_STATUSES = ['in_progress', 'resolved', 'closed'] as const;

/**
 * Orders of an enterprise that show it its craftsmen's phone numbers, as a store filter over orders;
 * the craftsmen ids on them are the ones whose phone `seesCraftsmanPhone` unmasks.
 */
export const enterpriseContactOrders = (enterpriseId: string): ScopeFilter => ({ enterpriseId, craftsmanId: { $ne: null }, status: { $in: [...CONTACT_STATUSES] } });

/**
 * Who sees a craftsman's phone unmasked: staff reaching the craftsman, admin, the craftsman itself,
 * and an enterprise once the craftsman is assigned to one of its orders (`assignedToActor`, from
 * {@link enterpriseContactOrders}). Everyone else sees 138****5678.
 */
export function seesCraftsmanPhone(actor: Actor, craftsman: { _id: string; regionPath: string[] }, assignedToActor: ReadonlySet<string>): boolean {
  if (staffReachesRegion(actor, craftsman.regionPath)) return true;
  if (actor.role === 'craftsman') return actor.craftsmanId === craftsman._id;
  if (actor.role === 'enterprise') return assignedToActor.has(craftsman._id);
  return false;
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

/** 投诉: staff see those about orders in reach; an enterprise or a craftsman the complaints it filed. */
export function complaintScope(actor: Actor): ScopeFilter {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return NOTHING;
    case 'union_staff':
      return staffFilter(actor, 'enterpriseId');
    case 'enterprise':
      return { enterpriseId: actor.enterpriseId ?? '-', complainantRole: 'enterprise' };
    case 'craftsman':
      return { craftsmanId: actor.craftsmanId ?? '-', complainantRole: 'craftsman' };
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
      return enterpriseRegionCode ? talentPoolReach(enterpriseRegionCode) : { _id: { $in: [] } };
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

/** 师带徒结对: staff see those of enterprises in reach, an enterprise its own, a craftsman those it mentors. */
export function pairingScope(actor: Actor): ScopeFilter {
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
    case 'craftsman':
      return { mentorId: actor.craftsmanId ?? '-' };
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

/**
 * 预约: which party of an order's visit the actor speaks for — the craftsman who has the work, or the
 * enterprise that ordered it — or null (a craftsman once offered the order still sees it, but is no party).
 */
export function appointmentPartyOf(actor: Actor, order: { craftsmanId: string | null; enterpriseId: string }): 'craftsman' | 'enterprise' | null {
  if (actor.craftsmanId && actor.craftsmanId === order.craftsmanId) return 'craftsman';
  if (actor.enterpriseId && actor.enterpriseId === order.enterpriseId) return 'enterprise';
  return null;
}

/**
 * 案例库: staff see the cases of their subtree (an enterprise union: those of its enterprise's
 * prefecture, `homeRegionCode`); an enterprise or a craftsman those of its prefecture (`homeRegionCode`:
 * its own region); admin all. Region filter only: the same for the store and for search.
 */
export function caseScope(actor: Actor, homeRegionCode?: string): { regionPath?: string; ids?: string[] } {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return { ids: [] };
    case 'union_staff':
      if (actor.orgEnterpriseId) return homeRegionCode ? { regionPath: craftsmanReachCode(homeRegionCode) } : { ids: [] };
      return actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : { ids: [] };
    case 'enterprise':
    case 'craftsman':
      return homeRegionCode ? { regionPath: craftsmanReachCode(homeRegionCode) } : { ids: [] };
  }
}
