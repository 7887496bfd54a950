import { DuplicateKeyError, conflict, forbidden, notFound } from '../errors.js';
import { enterpriseScope, staffReachesRegion } from '../domain/access/scope.js';
import type { Enterprise, EnterpriseCreate, EnterprisePatch } from '../domain/enterprises/enterprise.js';
import { orgIdForRegion, type UnionOrg } from '../domain/orgs/union-org.js';
import { regionPath } from '../domain/regions/region.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

const mustBeStaff = (actor: Actor) => {
  if (actor.role !== 'admin' && actor.role !== 'union_staff') throw forbidden('ACTION_NOT_ALLOWED', '只有工会工作人员可以登记企业');
};

/** 企业: registration by union staff (with an optional login), listing, profile edits. */
export function enterpriseService(deps: ServiceDeps, reference: ReferenceService, accounts: AccountService) {
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const orgs = deps.store.collection<UnionOrg>('orgs');

  async function get(actor: Actor, id: string): Promise<Enterprise> {
    const found = await enterprises.findOne(and({ _id: id }, enterpriseScope(actor)));
    if (!found) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
    return found;
  }

  return {
    get,

    async create(actor: Actor, input: EnterpriseCreate) {
      mustBeStaff(actor);
      await reference.requireRegion(input.regionCode);
      const path = regionPath(input.regionCode);
      if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '只能在本级工会管辖范围内登记企业', { field: 'regionCode' });
      if (await enterprises.findOne({ creditCode: input.creditCode })) throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', { field: 'creditCode' });
      const now = nowIso(deps);
      const { account, ...fields } = input;
      const enterprise: Enterprise = { _id: deps.ids.next('ent'), ...fields, regionPath: path, createdAt: now, updatedAt: now };
      const user = account ? await accounts.prepareUser({ ...account, role: 'enterprise', displayName: enterprise.name, subjectId: enterprise._id }) : null;
      const parent = (await reference.orgForRegionPath(path)) ?? null;
      const union: UnionOrg = {
        _id: `org_ent_${enterprise._id}`,
        name: `${enterprise.name}工会`,
        level: 'enterprise',
        regionCode: input.regionCode,
        parentId: parent?._id ?? orgIdForRegion(input.regionCode),
        ancestorIds: parent ? [...parent.ancestorIds, parent._id] : [],
        enterpriseId: enterprise._id,
      };
      try {
        await deps.store.transaction(async () => {
          await enterprises.insertOne(enterprise);
          await orgs.insertOne(union);
          if (user) await accounts.insertUser(user);
          await recordEvents(deps, [newEvent(deps, 'enterprise.created', { type: 'enterprise', id: enterprise._id }, { regionCode: enterprise.regionCode }, actor)]);
        });
      } catch (error) {
        if (error instanceof DuplicateKeyError && error.keys.includes('creditCode')) throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', { field: 'creditCode' });
        throw error;
      }
      return { ...enterprise, account: user ? { username: user.username } : null };
    },

    async list(actor: Actor, query: PageQuery & { regionCode?: string; q?: string }) {
      const filters = [enterpriseScope(actor)];
      if (query.regionCode) filters.push({ regionPath: query.regionCode });
      if (query.q) filters.push({ name: { $regex: escapeRegex(query.q) } });
      return paginate(enterprises, and(...filters), query, { createdAt: -1, _id: 1 });
    },

    async update(actor: Actor, id: string, patch: EnterprisePatch) {
      const current = await get(actor, id);
      if (actor.role === 'craftsman') throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
      const set: Record<string, unknown> = { ...patch, updatedAt: nowIso(deps) };
      if (patch.regionCode && patch.regionCode !== current.regionCode) {
        if (actor.role === 'enterprise') throw forbidden('ACTION_NOT_ALLOWED', '企业所在地变更请联系工会办理', { field: 'regionCode' });
        await reference.requireRegion(patch.regionCode);
        const path = regionPath(patch.regionCode);
        if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '不能把企业迁出本级工会管辖范围', { field: 'regionCode' });
        set.regionPath = path;
      }
      return deps.store.transaction(async () => {
        const updated = await enterprises.updateOne({ _id: id }, { $set: set });
        if (!updated) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
        await recordEvents(deps, [newEvent(deps, 'enterprise.updated', { type: 'enterprise', id }, { fields: Object.keys(patch) }, actor)]);
        return updated;
      });
    },
  };
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type EnterpriseService = ReturnType<typeof enterpriseService>;
