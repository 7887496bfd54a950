import { conflict, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { profileChangeScope, staffReachesRegion } from '../domain/access/scope.js';
import { diffProfile, mergeChanges, patchOf, type ProfileChange, type ProfileChangeDecision, type ProfileChangeStatus, type ProfileSubject } from '../domain/profiles/profile-change.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

/** Applies an approved change as the deciding staff member would have edited it (its own checks included). */
export type ProfileChangeApplier = (actor: Actor, subjectId: string, patch: Record<string, unknown>) => Promise<unknown>;

export interface ProfileSubjectRef {
  type: ProfileSubject;
  id: string;
  name: string;
  regionPath: string[];
}

/** 资料变更待审核: proposals of fields a subject may not set itself, and staff's decisions on them. */
export function profileChangeService(deps: ServiceDeps) {
  const changes = deps.store.collection<ProfileChange>('profileChanges');
  /** Filled by the composition of services: how each kind of subject applies an approved change. */
  const appliers: Partial<Record<ProfileSubject, ProfileChangeApplier>> = {};

  /** An event about a proposal, addressed by the subject (its id under its own kind) and its region. */
  const changeEvent = (type: 'profile_change.proposed' | 'profile_change.decided', change: ProfileChange, actor: Actor, extra: Record<string, unknown>) =>
    newEvent(
      deps,
      type,
      { type: change.subjectType, id: change.subjectId },
      {
        changeId: change._id,
        subjectType: change.subjectType,
        subjectName: change.subjectName,
        [change.subjectType === 'craftsman' ? 'craftsmanId' : 'enterpriseId']: change.subjectId,
        regionCode: change.regionPath[change.regionPath.length - 1] ?? null,
        ...extra,
      },
      actor,
    );

  async function load(actor: Actor, id: string): Promise<ProfileChange> {
    const found = await changes.findOne(and({ _id: id }, profileChangeScope(actor)));
    if (!found) throw notFound('PROFILE_CHANGE_NOT_FOUND', '资料变更申请不存在');
    return found;
  }

  return {
    appliers,

    /** Records (or folds into the subject's pending one) a proposal; null when nothing differs from the profile. */
    async propose(actor: Actor, subject: ProfileSubjectRef, current: Record<string, unknown>, proposed: Record<string, unknown>): Promise<ProfileChange | null> {
      const diff = diffProfile(current, proposed);
      if (Object.keys(diff).length === 0) return null;
      const now = nowIso(deps);
      return deps.store.transaction(async () => {
        const pending = await changes.findOne({ subjectType: subject.type, subjectId: subject.id, status: 'pending' });
        let change: ProfileChange | null = null;
        if (pending) change = await changes.updateOne({ _id: pending._id, status: 'pending' }, { $set: { changes: mergeChanges(pending.changes, diff), updatedAt: now, proposedBy: actor.userId, proposedByName: actor.displayName } });
        if (!change) {
          change = {
            _id: deps.ids.next('pch'),
            subjectType: subject.type,
            subjectId: subject.id,
            subjectName: subject.name,
            regionPath: subject.regionPath,
            status: 'pending',
            changes: diff,
            proposedBy: actor.userId,
            proposedByName: actor.displayName,
            createdAt: now,
            updatedAt: now,
            decidedAt: null,
            decidedBy: null,
            decisionReason: null,
          };
          await changes.insertOne(change);
        }
        // Staff reaching the subject are told (again, with the fields now proposed, when one is folded in).
        await recordEvents(deps, [changeEvent('profile_change.proposed', change, actor, { fields: Object.keys(diff) })]);
        return change;
      });
    },

    /** The subject's pending proposal, if any (shown beside its profile). */
    pendingFor: (type: ProfileSubject, id: string) => changes.findOne({ subjectType: type, subjectId: id, status: 'pending' }),

    async list(actor: Actor, query: PageQuery & { status?: ProfileChangeStatus; subjectType?: ProfileSubject }) {
      authorize(actor, 'profile_change.list');
      const filters: Filter[] = [profileChangeScope(actor)];
      if (query.status) filters.push({ status: query.status });
      if (query.subjectType) filters.push({ subjectType: query.subjectType });
      return paginate(changes, and(...filters), query, { createdAt: -1, _id: -1 });
    },

    get: load,

    /** Staff reaching the subject approve (the change is applied with their own checks) or reject with a reason. */
    async decide(actor: Actor, id: string, decision: ProfileChangeDecision): Promise<ProfileChange> {
      authorize(actor, 'profile_change.decide', '只有所属工会的工作人员可以审核资料变更');
      const change = await load(actor, id);
      if (!staffReachesRegion(actor, change.regionPath)) throw notFound('PROFILE_CHANGE_NOT_FOUND', '资料变更申请不存在');
      if (change.status !== 'pending') throw conflict('PROFILE_CHANGE_DECIDED', '该资料变更申请已审核', { status: change.status });
      const at = nowIso(deps);
      const status: ProfileChangeStatus = decision.approve ? 'approved' : 'rejected';
      // One transaction: the claim (two staff deciding at once cannot both apply it), the change itself
      // with the deciding staff member's own checks, and the event telling the subject.
      return deps.store.transaction(async () => {
        const claimed = await changes.updateOne({ _id: id, status: 'pending' }, { $set: { status, decidedAt: at, decidedBy: actor.userId, decisionReason: decision.reason ?? null, updatedAt: at } });
        if (!claimed) throw conflict('PROFILE_CHANGE_DECIDED', '该资料变更申请已审核');
        if (decision.approve) {
          const apply = appliers[change.subjectType];
          if (!apply) throw new Error(`no applier for ${change.subjectType}`);
          await apply(actor, change.subjectId, patchOf(change.changes));
        }
        await recordEvents(deps, [changeEvent('profile_change.decided', claimed, actor, { fields: Object.keys(claimed.changes), approved: decision.approve, reason: decision.reason ?? null })]);
        return claimed;
      });
    },
  };
}

export type ProfileChangeService = ReturnType<typeof profileChangeService>;
