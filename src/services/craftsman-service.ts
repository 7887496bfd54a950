import { forbidden, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { craftsmanScope, enterpriseContactOrders, seesCraftsmanPhone, staffReachesRegion } from '../domain/access/scope.js';
import { splitPatch } from '../domain/profiles/profile-change.js';
import { maskPhone, type Craftsman, type CraftsmanCreate, type CraftsmanPatch, type CraftsmanStatus } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import type { Order } from '../domain/orders/order.js';
import { regionPath } from '../domain/regions/region.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter, SortSpec } from '../ports/store.js';
import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import type { ProfileChangeService } from './profile-change-service.js';
import type { ReferenceService } from './reference-service.js';
import { escapeRegex } from './enterprise-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

export interface CraftsmanListQuery extends PageQuery {
  /** Plain substring match here (name, skills, trades, bio); full-text search lives in the search service. */
  q?: string;
  regionCode?: string;
  status?: CraftsmanStatus[];
  skill?: string[];
  trade?: string[];
  honorLevel?: string[];
  serviceMode?: string[];
  sort?: 'relevance' | 'rating' | 'completedCount';
}

/** Fields nobody sets by hand: derived from confirmed work. */
const DERIVED = { rating: null, ratingCount: 0, recentRatings: [], completedCount: 0, activeCount: 0, lastAssignedAt: null } as const;

/** 劳模工匠 profiles: registration, edits, status (active / paused / suspended / exited) and reads. */
export function craftsmanService(deps: ServiceDeps, reference: ReferenceService, accounts: AccountService, profileChanges: ProfileChangeService) {
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const enterprises = deps.store.collection<Enterprise>('enterprises');

  async function scopeFor(actor: Actor): Promise<Filter> {
    if (!actor.enterpriseId) return craftsmanScope(actor);
    const enterprise = await enterprises.findById(actor.enterpriseId);
    return craftsmanScope(actor, enterprise?.regionCode);
  }

  const orders = deps.store.collection<Order>('orders');
  const NOBODY: ReadonlySet<string> = new Set();

  /** The craftsmen assigned to the enterprise's orders (whose phone it may see); nobody for actors speaking for no enterprise. */
  async function contactsOf(actor: Actor): Promise<ReadonlySet<string>> {
    if (!actor.enterpriseId) return NOBODY;
    const mine = await orders.find(enterpriseContactOrders(actor.enterpriseId), { limit: 5_000 });
    return new Set(mine.flatMap((o) => (o.craftsmanId ? [o.craftsmanId] : [])));
  }

  /** The phone is masked unless the access rules say the actor has a need to call (`seesCraftsmanPhone`). */
  function present(actor: Actor, craftsman: Craftsman, contacts: ReadonlySet<string> = NOBODY) {
    const { recentRatings: _recent, ...rest } = craftsman;
    return seesCraftsmanPhone(actor, craftsman, contacts) ? rest : { ...rest, phone: maskPhone(craftsman.phone) };
  }

  async function load(actor: Actor, id: string): Promise<Craftsman> {
    const found = await craftsmen.findOne(and({ _id: id }, await scopeFor(actor)));
    if (!found) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
    return found;
  }

  async function mustManage(actor: Actor, craftsman: Craftsman) {
    if (staffReachesRegion(actor, craftsman.regionPath)) return;
    throw forbidden('ACTION_NOT_ALLOWED', '只有所属工会的工作人员可以执行此操作');
  }

  /** Staff in reach change any field: the region only within their reach, the capacity not below the work in hand. */
  async function applyAsStaff(actor: Actor, current: Craftsman, patch: CraftsmanPatch) {
    await mustManage(actor, current);
    const id = current._id;
    const set: Record<string, unknown> = { ...patch, updatedAt: nowIso(deps) };
    if (patch.regionCode && patch.regionCode !== current.regionCode) {
      await reference.requireRegion(patch.regionCode);
      const path = regionPath(patch.regionCode);
      if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '不能把劳模工匠迁出本级工会管辖范围', { field: 'regionCode' });
      set.regionPath = path;
    }
    if (patch.capacity !== undefined && patch.capacity < current.activeCount) {
      throw forbidden('CAPACITY_BELOW_ACTIVE', `当前有 ${current.activeCount} 项任务在办，接单上限不能低于此数`, { field: 'capacity' });
    }
    return write(actor, id, set, Object.keys(patch));
  }

  async function write(actor: Actor, id: string, set: Record<string, unknown>, fields: string[]) {
    return deps.store.transaction(async () => {
      const updated = await craftsmen.updateOne({ _id: id }, { $set: set });
      if (!updated) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
      await recordEvents(deps, [newEvent(deps, 'craftsman.updated', { type: 'craftsman', id }, { fields }, actor)]);
      return updated;
    });
  }

  profileChanges.appliers.craftsman = async (actor, id, patch) => applyAsStaff(actor, await load(actor, id), patch as CraftsmanPatch);

  return {
    present,
    contactsOf,
    load,
    scopeFor,

    async get(actor: Actor, id: string) {
      return present(actor, await load(actor, id), await contactsOf(actor));
    },

    async create(actor: Actor, input: CraftsmanCreate) {
      authorize(actor, 'craftsman.create', '只有工会工作人员可以登记劳模工匠');
      await reference.requireRegion(input.regionCode);
      const path = regionPath(input.regionCode);
      if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '只能在本级工会管辖范围内登记劳模工匠', { field: 'regionCode' });
      const now = nowIso(deps);
      const { account, ...fields } = input;
      const craftsman: Craftsman = { _id: deps.ids.next('cra'), ...fields, regionPath: path, status: 'active', ...DERIVED, recentRatings: [], createdAt: now, updatedAt: now };
      const user = account ? await accounts.prepareUser({ ...account, role: 'craftsman', displayName: craftsman.name, subjectId: craftsman._id }) : null;
      await deps.store.transaction(async () => {
        await craftsmen.insertOne(craftsman);
        if (user) await accounts.insertUser(user);
        await recordEvents(deps, [newEvent(deps, 'craftsman.created', { type: 'craftsman', id: craftsman._id }, { regionCode: craftsman.regionCode }, actor)]);
      });
      return { ...present(actor, craftsman), account: user ? { username: user.username } : null };
    },

    async list(actor: Actor, query: CraftsmanListQuery) {
      const filters: Filter[] = [await scopeFor(actor)];
      if (query.regionCode) filters.push({ regionPath: query.regionCode });
      if (query.q) {
        const $regex = escapeRegex(query.q);
        filters.push({ $or: [{ name: { $regex } }, { 'skills.name': { $regex } }, { trades: { $regex } }, { bio: { $regex } }] });
      }
      if (query.status?.length) filters.push({ status: { $in: query.status } });
      if (query.skill?.length) filters.push({ 'skills.name': { $in: query.skill } });
      if (query.trade?.length) filters.push({ trades: { $in: query.trade } });
      if (query.honorLevel?.length) filters.push({ 'honors.level': { $in: query.honorLevel } });
      if (query.serviceMode?.length) filters.push({ serviceModes: { $in: query.serviceMode } });
      const sortField = query.sort === 'rating' ? 'rating' : query.sort === 'completedCount' ? 'completedCount' : 'createdAt';
      const sort: SortSpec = { [sortField]: -1, _id: 1 };
      const page = await paginate(craftsmen, and(...filters), query, sort);
      const contacts = await contactsOf(actor);
      return { ...page, items: page.items.map((c) => present(actor, c, contacts)) };
    },

    /**
     * Staff in reach apply any field. The craftsman itself applies its own fields (contact, bio,
     * service modes); the rest becomes a proposal that waits for staff (`pendingChange`).
     */
    async update(actor: Actor, id: string, patch: CraftsmanPatch) {
      authorize(actor, 'craftsman.update');
      const current = await load(actor, id);
      if (actor.craftsmanId !== id) return { ...present(actor, await applyAsStaff(actor, current, patch)), pendingChange: await profileChanges.pendingFor('craftsman', id) };
      const { direct, proposed } = splitPatch('craftsman', patch);
      const pendingChange = await profileChanges.propose(actor, { type: 'craftsman', id, name: current.name, regionPath: current.regionPath }, current, proposed);
      const updated = Object.keys(direct).length ? await write(actor, id, { ...direct, updatedAt: nowIso(deps) }, Object.keys(direct)) : current;
      return { ...present(actor, updated), pendingChange: pendingChange ?? (await profileChanges.pendingFor('craftsman', id)) };
    },

    /** Staff change any status with a reason; a craftsman may only pause or resume itself. */
    async setStatus(actor: Actor, id: string, status: CraftsmanStatus, reason: string) {
      authorize(actor, 'craftsman.set_status');
      const current = await load(actor, id);
      const selfToggle = actor.craftsmanId === id && (status === 'paused' || status === 'active') && (current.status === 'active' || current.status === 'paused');
      if (!selfToggle) await mustManage(actor, current);
      return deps.store.transaction(async () => {
        const updated = await craftsmen.updateOne({ _id: id }, { $set: { status, statusReason: reason, updatedAt: nowIso(deps) } });
        if (!updated) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
        // A suspended or exited craftsman's sessions end now, not when its tokens expire.
        if (status === 'suspended' || status === 'exited') await accounts.revokeSubject(actor, id, reason);
        await recordEvents(deps, [newEvent(deps, 'craftsman.status_changed', { type: 'craftsman', id }, { from: current.status, to: status, reason }, actor)]);
        return present(actor, updated);
      });
    },
  };
}

export type CraftsmanService = ReturnType<typeof craftsmanService>;
