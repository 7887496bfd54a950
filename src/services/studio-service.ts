import { DuplicateKeyError, conflict, forbidden, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { staffReachesRegion, studioScope } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import { regionPath } from '../domain/regions/region.js';
import type { PageQuery } from '../domain/shared/values.js';
import { normaliseMembers, studioPeople, type Studio, type StudioCreate, type StudioLevel, type StudioPatch } from '../domain/studios/studio.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

export interface StudioListQuery extends PageQuery {
  regionCode?: string;
  level?: StudioLevel[];
  /** Studios this craftsman leads or belongs to. */
  craftsmanId?: string;
}

/** A studio as the API shows it: with the names of its lead and members. */
export type StudioView = Studio & { leadName: string; members: Array<{ craftsmanId: string; name: string }> };

const nameTaken = () => conflict('STUDIO_NAME_TAKEN', '本地区已有同名工作室', { field: 'name' });

/** 工作室: staff in reach register studios with their lead, members, specialities and level, and keep them. */
export function studioService(deps: ServiceDeps, reference: Pick<ReferenceService, 'requireRegion'>) {
  const studios = deps.store.collection<Studio>('studios');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');

  async function load(actor: Actor, id: string): Promise<Studio> {
    const found = await studios.findOne(and({ _id: id }, studioScope(actor)));
    if (!found) throw notFound('STUDIO_NOT_FOUND', '工作室不存在');
    return found;
  }

  /** Lead and members must be craftsmen the actor reaches: anyone else answers as missing. */
  async function requirePeople(actor: Actor, ids: string[]): Promise<Map<string, Craftsman>> {
    const found = new Map((await craftsmen.find({ _id: { $in: ids } })).map((c) => [c._id, c]));
    for (const id of ids) {
      const craftsman = found.get(id);
      if (!craftsman || !staffReachesRegion(actor, craftsman.regionPath)) throw notFound('CRAFTSMAN_NOT_FOUND', '工作室的领衔人或成员不存在，或不在本级工会管辖范围内', { craftsmanId: id });
    }
    return found;
  }

  async function present(list: Studio[]): Promise<StudioView[]> {
    const ids = [...new Set(list.flatMap(studioPeople))];
    const names = new Map((await craftsmen.find({ _id: { $in: ids } }, { projection: { name: 1 } })).map((c) => [c._id, c.name]));
    return list.map((s) => ({ ...s, leadName: names.get(s.leadCraftsmanId) ?? '', members: s.memberIds.map((craftsmanId) => ({ craftsmanId, name: names.get(craftsmanId) ?? '' })) }));
  }
  const presentOne = async (studio: Studio) => (await present([studio]))[0]!;

  async function regionFor(actor: Actor, regionCode: string): Promise<string[]> {
    await reference.requireRegion(regionCode);
    const path = regionPath(regionCode);
    if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '只能在本级工会管辖范围内登记工作室', { field: 'regionCode' });
    return path;
  }

  async function guardDuplicate<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken();
      throw error;
    }
  }

  return {
    load,
    present,

    async create(actor: Actor, input: StudioCreate): Promise<StudioView> {
      authorize(actor, 'studio.create', '只有工会工作人员可以登记工作室');
      const path = await regionFor(actor, input.regionCode);
      const memberIds = normaliseMembers(input.leadCraftsmanId, input.memberIds);
      await requirePeople(actor, [input.leadCraftsmanId, ...memberIds]);
      if (await studios.findOne({ regionCode: input.regionCode, name: input.name })) throw nameTaken();
      const now = nowIso(deps);
      const studio: Studio = { _id: deps.ids.next('std'), ...input, memberIds, specialities: [...new Set(input.specialities)], regionPath: path, createdAt: now, updatedAt: now, createdBy: actor.userId };
      await guardDuplicate(() =>
        deps.store.transaction(async () => {
          await studios.insertOne(studio);
          await recordEvents(deps, [newEvent(deps, 'studio.created', { type: 'studio', id: studio._id }, { regionCode: studio.regionCode }, actor)]);
        }),
      );
      return presentOne(studio);
    },

    async get(actor: Actor, id: string): Promise<StudioView> {
      authorize(actor, 'studio.read');
      return presentOne(await load(actor, id));
    },

    async list(actor: Actor, query: StudioListQuery) {
      authorize(actor, 'studio.list');
      const filters = [studioScope(actor)];
      if (query.regionCode) filters.push({ regionPath: query.regionCode });
      if (query.level?.length) filters.push({ level: { $in: query.level } });
      if (query.craftsmanId) filters.push({ $or: [{ leadCraftsmanId: query.craftsmanId }, { memberIds: query.craftsmanId }] });
      const page = await paginate(studios, and(...filters), query, { name: 1, _id: 1 });
      return { ...page, items: await present(page.items) };
    },

    async update(actor: Actor, id: string, patch: StudioPatch): Promise<StudioView> {
      authorize(actor, 'studio.update', '只有工会工作人员可以修改工作室');
      const current = await load(actor, id);
      const set: Partial<Studio> = { ...patch, updatedAt: nowIso(deps) };
      if (patch.regionCode && patch.regionCode !== current.regionCode) set.regionPath = await regionFor(actor, patch.regionCode);
      const lead = patch.leadCraftsmanId ?? current.leadCraftsmanId;
      set.memberIds = normaliseMembers(lead, patch.memberIds ?? [...current.memberIds, ...(lead === current.leadCraftsmanId ? [] : [current.leadCraftsmanId])]);
      if (patch.specialities) set.specialities = [...new Set(patch.specialities)];
      const added = [lead, ...set.memberIds].filter((p) => !studioPeople(current).includes(p));
      await requirePeople(actor, added);
      const name = patch.name ?? current.name;
      const regionCode = patch.regionCode ?? current.regionCode;
      const same = await studios.findOne({ regionCode, name });
      if (same && same._id !== id) throw nameTaken();
      const updated = await guardDuplicate(() =>
        deps.store.transaction(async () => {
          const saved = await studios.updateOne({ _id: id }, { $set: set });
          if (!saved) throw notFound('STUDIO_NOT_FOUND', '工作室不存在');
          await recordEvents(deps, [newEvent(deps, 'studio.updated', { type: 'studio', id }, { fields: Object.keys(patch), regionCode }, actor)]);
          return saved;
        }),
      );
      return presentOne(updated);
    },

    async remove(actor: Actor, id: string): Promise<{ deleted: true; id: string }> {
      authorize(actor, 'studio.delete', '只有工会工作人员可以撤销工作室');
      const current = await load(actor, id);
      await deps.store.transaction(async () => {
        await studios.deleteOne({ _id: id });
        await recordEvents(deps, [newEvent(deps, 'studio.deleted', { type: 'studio', id }, { regionCode: current.regionCode }, actor)]);
      });
      return { deleted: true, id };
    },
  };
}

export type StudioService = ReturnType<typeof studioService>;
