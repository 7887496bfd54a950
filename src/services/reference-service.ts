import { invalid, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { orgScope, staffReachesOrg } from '../domain/access/scope.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Region } from '../domain/regions/region.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';

/** Regions (GB/T 2260) and the union-org tree. */
export function referenceService(deps: ServiceDeps) {
  const regions = deps.store.collection<Region>('regions');
  const orgs = deps.store.collection<UnionOrg>('orgs');

  return {
    /** Children of `parent`, or the provinces when no parent is given. */
    async listRegions(parent?: string): Promise<Region[]> {
      if (parent && !(await regions.findById(parent))) throw notFound('REGION_NOT_FOUND', `行政区划 ${parent} 不存在`);
      return regions.find({ parentCode: parent ?? null }, { sort: { code: 1 } });
    },

    async getRegion(code: string): Promise<Region | null> {
      return regions.findById(code);
    },

    /** The region, or a 400 naming the field: for inputs that must point at a known region. */
    async requireRegion(code: string, field = 'regionCode'): Promise<Region> {
      const region = await regions.findById(code);
      if (!region) throw invalid('REGION_UNKNOWN', `行政区划代码 ${code} 不存在`, { field });
      return region;
    },

    /** Orgs the actor may see: staff their subtree (with their own org first), admin all. */
    async listOrgs(actor: Actor, options: { parentId?: string; level?: UnionOrg['level'] } = {}): Promise<UnionOrg[]> {
      authorize(actor, 'org.list');
      const filter: Record<string, unknown> = { ...orgScope(actor) };
      if (options.parentId) filter.parentId = options.parentId;
      if (options.level) filter.level = options.level;
      const found = await orgs.find(filter);
      const depth = (o: UnionOrg) => o.ancestorIds.length;
      return found.sort((a, b) => depth(a) - depth(b) || a.regionCode.localeCompare(b.regionCode) || a._id.localeCompare(b._id));
    },

    /** One org in the actor's reach, or 404. */
    async getOrg(actor: Actor, id: string): Promise<UnionOrg> {
      const org = await orgs.findById(id);
      if (!org || !staffReachesOrg(actor, org)) throw notFound('ORG_NOT_FOUND', '工会组织不存在');
      return org;
    },

    /** The federation org serving a region, the nearest one up the path. */
    async orgForRegionPath(path: string[]): Promise<UnionOrg | null> {
      for (const code of [...path].reverse()) {
        const org = await orgs.findOne({ regionCode: code, level: { $ne: 'enterprise' } });
        if (org) return org;
      }
      return null;
    },
  };
}

export type ReferenceService = ReturnType<typeof referenceService>;
