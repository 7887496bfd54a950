import type { Actor } from '../users/user.js';
import { regionPath } from '../regions/region.js';
import { craftsmanReachCode, talentPoolReach } from './scope.js';

/**
 * The same access rules as scope.ts, in the shape of a search filter (fields ANDed), so that search
 * totals and facets never count what the caller may not see.
 */
export interface SearchScope {
  regionPath?: string;
  status?: string[];
  ids?: string[];
  enterpriseId?: string;
}

export function craftsmanSearchScope(actor: Actor, enterpriseRegionCode?: string): SearchScope {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return { ids: [] };
    case 'union_staff':
      return actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : { ids: [] };
    case 'craftsman':
      return { ids: actor.craftsmanId ? [actor.craftsmanId] : [] };
    case 'enterprise': {
      if (!enterpriseRegionCode) return { ids: [] };
      const pool = talentPoolReach(enterpriseRegionCode);
      return { regionPath: pool.regionPath, status: [pool.status] };
    }
  }
}

/** Full-text search over orders: a craftsman searches the open orders in its reach (its own work is listed, not searched). */
export function orderSearchScope(actor: Actor, craftsmanRegionCode?: string): SearchScope {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return {};
    case 'anonymous':
      return { ids: [] };
    case 'union_staff':
      if (actor.orgEnterpriseId) return { enterpriseId: actor.orgEnterpriseId };
      return actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : { ids: [] };
    case 'enterprise':
      return { enterpriseId: actor.enterpriseId ?? '-' };
    case 'craftsman':
      return craftsmanRegionCode ? { regionPath: craftsmanReachCode(craftsmanRegionCode), status: ['open'] } : { ids: [] };
  }
}

/** ANDs a scope into a request's filter: where both restrict status or ids, only values both allow remain. */
export function withScope<F extends { status?: string[]; ids?: string[]; regionPath?: string; enterpriseId?: string }>(filter: F, scope: SearchScope): F & SearchScope {
  const merged: F & SearchScope = { ...filter, ...scope };
  if (filter.status && scope.status) merged.status = filter.status.filter((s) => scope.status!.includes(s));
  if (filter.ids && scope.ids) merged.ids = filter.ids.filter((id) => scope.ids!.includes(id));
  if (filter.regionPath && scope.regionPath && filter.regionPath !== scope.regionPath) {
    // The narrower of the two places wins; places that do not contain each other match nothing.
    const filterInsideScope = regionPath(filter.regionPath).includes(scope.regionPath);
    const scopeInsideFilter = regionPath(scope.regionPath).includes(filter.regionPath);
    merged.regionPath = filterInsideScope ? filter.regionPath : scope.regionPath;
    if (!filterInsideScope && !scopeInsideFilter) merged.ids = [];
  }
  if (filter.enterpriseId && scope.enterpriseId && filter.enterpriseId !== scope.enterpriseId) merged.ids = [];
  return merged;
}
