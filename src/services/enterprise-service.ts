import { DuplicateKeyError, conflict, forbidden, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { enterpriseScope, staffReachesRegion } from '../domain/access/scope.js';
import { splitPatch } from '../domain/profiles/profile-change.js';
import type { Enterprise, EnterpriseCreate, EnterprisePatch } from '../domain/enterprises/enterprise.js';
import { orgIdForRegion, type UnionOrg } from '../domain/orgs/union-org.js';
import { regionPath } from '../domain/regions/region.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import type { ProfileChangeService } from './profile-change-service.js';
import type { ReferenceService } from './reference-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

/** 企业: registration by union staff (with an optional login), listing, profile edits. */
export function enterpriseService(deps: ServiceDeps, reference: ReferenceService, accounts: AccountService, profileChanges: ProfileChangeService) {
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const orgs = deps.store.collection<UnionOrg>('orgs');

  async function get(actor: Actor, id: string): Promise<Enterprise> {
    const found = await enterprises.findOne(and({ _id: id }, enterpriseScope(actor)));
    if (!found) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
    return found;
  }

  /** Staff reaching the enterprise's region change any field; the region only within their reach. */
  async function applyAsStaff(actor: Actor, current: Enterprise, patch: EnterprisePatch): Promise<Enterprise> {
    if (!staffReachesRegion(actor, current.regionPath)) throw forbidden('ACTION_NOT_ALLOWED', '只有所属工会的工作人员可以修改企业的名称、信用代码和所在地');
    const id = current._id;
    const set: Record<string, unknown> = { ...patch, updatedAt: nowIso(deps) };
    if (patch.regionCode && patch.regionCode !== current.regionCode) {
      await reference.requireRegion(patch.regionCode);
      const path = regionPath(patch.regionCode);
      if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '不能把企业迁出本级工会管辖范围', { field: 'regionCode' });
      set.regionPath = path;
    }
    if (patch.creditCode && patch.creditCode !== current.creditCode && (await enterprises.findOne({ creditCode: patch.creditCode }))) {
      throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', { field: 'creditCode' });
    }
    return write(actor, id, set, Object.keys(patch));
  }

  async function write(actor: Actor, id: string, set: Record<string, unknown>, fields: string[]): Promise<Enterprise> {
    try {
      return await deps.store.transaction(async () => {
        const updated = await enterprises.updateOne({ _id: id }, { $set: set });
        if (!updated) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
        await recordEvents(deps, [newEvent(deps, 'enterprise.updated', { type: 'enterprise', id }, { fields }, actor)]);
        return updated;
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError && error.keys.includes('creditCode')) throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', { field: 'creditCode' });
      throw error;
    }
  }

  profileChanges.appliers.enterprise = async (actor, id, patch) => applyAsStaff(actor, await get(actor, id), patch as EnterprisePatch);

  return {
    get,

    async create(actor: Actor, input: EnterpriseCreate) {
      authorize(actor, 'enterprise.create', '只有工会工作人员可以登记企业');
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
      authorize(actor, 'enterprise.list');
      const filters = [enterpriseScope(actor)];
      if (query.regionCode) filters.push({ regionPath: query.regionCode });
      if (query.q) filters.push({ name: { $regex: escapeRegex(query.q) } });
      return paginate(enterprises, and(...filters), query, { createdAt: -1, _id: 1 });
    },

    /**
     * Federation staff in reach apply any field. The enterprise (and its own enterprise union) apply
     * contact, address and industry; name, credit code and region wait for staff (`pendingChange`).
     */
    async update(actor: Actor, id: string, patch: EnterprisePatch) {
      authorize(actor, 'enterprise.update');
      const current = await get(actor, id);
      if (staffReachesRegion(actor, current.regionPath)) return { ...(await applyAsStaff(actor, current, patch)), pendingChange: await profileChanges.pendingFor('enterprise', id) };
      const { direct, proposed } = splitPatch('enterprise', patch);
      const pendingChange = await profileChanges.propose(actor, { type: 'enterprise', id, name: current.name, regionPath: current.regionPath }, current, proposed);
      const updated = Object.keys(direct).length ? await write(actor, id, { ...direct, updatedAt: nowIso(deps) }, Object.keys(direct)) : current;
      return { ...updated, pendingChange: pendingChange ?? (await profileChanges.pendingFor('enterprise', id)) };
    },
  };
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type EnterpriseService = ReturnType<typeof enterpriseService>;
