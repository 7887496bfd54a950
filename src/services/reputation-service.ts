import { conflict, DuplicateKeyError, forbidden, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { craftsmanScope, staffReachesRegion } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import { shrunkRating } from '../domain/craftsmen/rating.js';
import type { Complaint } from '../domain/orders/complaint.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Order, ServiceRecord } from '../domain/orders/order.js';
import { disputePending, recordCounts } from '../domain/orders/service-record-rules.js';
import { orgIdForRegion } from '../domain/orgs/union-org.js';
import { exitReasons, type ReviewDecision, type ReviewFlag } from '../domain/reputation/exit.js';
import { pointEntryId, pointRuleLabels, pointsForConfirmedOrder, type PointEntry } from '../domain/reputation/points.js';
import { GLOBAL_RULES_ID, orgRulesId, pickRules, type ReputationRules, type StoredRules } from '../domain/reputation/rules.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import type { ReferenceService } from './reference-service.js';
import { and, newEvent, nowIso, paginate, recordEvents, SYSTEM_ACTOR } from './shared.js';

/** 声誉: points ledger, windowed ratings by configurable rules, and the exit rule's review flags. */
export function reputationService(deps: ServiceDeps, reference: ReferenceService, accounts: Pick<AccountService, 'revokeSubject'>) {
  const policies = deps.store.collection<StoredRules>('policies');
  const points = deps.store.collection<PointEntry>('points');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const orders = deps.store.collection<Order>('orders');
  const records = deps.store.collection<ServiceRecord>('serviceRecords');
  const complaintDocs = deps.store.collection<Complaint>('complaints');

  /** The rules for a region path: the nearest org with its own, else the global ones, else the defaults. */
  async function rulesForPath(path: readonly string[]): Promise<{ rules: ReputationRules; source: string }> {
    const candidates = [...[...path].reverse().map((code) => orgRulesId(orgIdForRegion(code))), GLOBAL_RULES_ID];
    return pickRules(await policies.find({ _id: { $in: candidates } }), candidates);
  }

  async function visibleCraftsman(actor: Actor, id: string): Promise<Craftsman> {
    const found = await craftsmen.findOne(and({ _id: id }, craftsmanScope(actor)));
    if (!found) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
    return found;
  }

  /** Windowed, shrunk rating by the craftsman's rules; raises the review flag when the exit rule says so. */
  async function refreshRating(craftsmanId: string, eventId: string): Promise<void> {
    const craftsman = await craftsmen.findById(craftsmanId);
    if (!craftsman) return;
    const { rules } = await rulesForPath(craftsman.regionPath);
    const latest = await orders.find({ craftsmanId, status: 'closed', rating: { $ne: null } }, { sort: { closedAt: -1, _id: -1 }, limit: rules.rating.window, projection: { rating: 1 } });
    const recent = latest.map((o) => o.rating as number).reverse();
    const rating = shrunkRating(recent, rules.rating);
    const clearedAt = typeof craftsman.reviewClearedAt === 'string' ? craftsman.reviewClearedAt : null;
    // Complaints: low ratings, and complaints about the craftsman staff upheld (投诉成立), since the last review cleared it.
    const lowRatings = await orders.count(and({ craftsmanId, status: 'closed', rating: { $lte: rules.exit.complaintRating } }, clearedAt ? { closedAt: { $gt: clearedAt } } : {}));
    const upheld = await complaintDocs.count(and({ craftsmanId, status: 'upheld', target: 'craftsman' }, clearedAt ? { decidedAt: { $gt: clearedAt } } : {}));
    const complaints = lowRatings + upheld;
    const reasons = exitReasons({ rating, ratingsInWindow: recent.length, complaints }, rules.exit);
    await deps.store.transaction(async () => {
      await craftsmen.updateOne({ _id: craftsmanId }, { $set: { rating, recentRatings: recent } });
      if (reasons.length === 0 || craftsman.status === 'suspended' || craftsman.status === 'exited') return;
      const flag: ReviewFlag = { reasons, rating, ratingsInWindow: recent.length, complaints, flaggedAt: nowIso(deps), eventId };
      // Only an unflagged craftsman is flagged: a replayed event finds the flag already set.
      const flagged = await craftsmen.updateOne({ _id: craftsmanId, $or: [{ reviewFlag: null }, { reviewFlag: { $exists: false } }] }, { $set: { reviewFlag: flag } });
      if (flagged) await recordEvents(deps, [newEvent(deps, 'craftsman.flagged', { type: 'craftsman', id: craftsmanId }, { reasons: reasons.map((r) => r.code), rating, complaints, regionCode: craftsman.regionCode }, SYSTEM_ACTOR)]);
    });
  }

  /** Credits the confirmed order's points, each line at most once (unique order × craftsman × rule). */
  async function creditPoints(order: Order, craftsmanId: string, eventId: string, at: string): Promise<number> {
    const craftsman = await craftsmen.findById(craftsmanId);
    if (!craftsman) return 0;
    const { rules, source } = await rulesForPath(craftsman.regionPath);
    const all = await records.find({ orderId: order._id, craftsmanId }, { projection: { hours: 1, dispute: 1 } });
    const mine = all.filter(recordCounts);
    const hours = Math.round(mine.reduce((sum, r) => sum + r.hours, 0) * 100) / 100;
    const lines = pointsForConfirmedOrder({ visits: mine.length, hours, rating: order.rating, disputesPending: all.filter(disputePending).length }, rules.points);
    let credited = 0;
    for (const line of lines) {
      const entry: PointEntry = { _id: pointEntryId(order._id, craftsmanId, line.rule), craftsmanId, orderId: order._id, orderTitle: order.title, rule: line.rule, label: pointRuleLabels[line.rule], points: line.points, basis: line.basis, ruleSource: source, eventId, createdAt: at };
      try {
        await deps.store.transaction(async () => {
          await points.insertOne(entry);
          await craftsmen.updateOne({ _id: craftsmanId }, { $inc: { points: line.points } });
        });
        credited += 1;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    return credited;
  }

  return {
    rulesForPath,

    /** `order.confirmed`: credit points, then refresh the rating and the exit rule. Idempotent by construction. */
    async onOrderConfirmed(event: DomainEvent): Promise<void> {
      const order = await orders.findById(event.aggregateId);
      const craftsmanId = order?.craftsmanId ?? (typeof event.payload.craftsmanId === 'string' ? event.payload.craftsmanId : null);
      if (!order || !craftsmanId) return;
      if (order.status === 'closed') await creditPoints(order, craftsmanId, event._id, event.occurredAt);
      await refreshRating(craftsmanId, event._id);
    },

    /** `order.complaint_decided`: a complaint upheld against the craftsman counts in the exit rule at once. */
    async onComplaintDecided(event: DomainEvent): Promise<void> {
      const craftsmanId = event.payload.craftsmanId;
      if (event.payload.outcome !== 'upheld' || event.payload.target !== 'craftsman' || typeof craftsmanId !== 'string') return;
      await refreshRating(craftsmanId, event._id);
    },

    /** The effective rules for an org (its own, inherited or the defaults) and where they come from. */
    async getRules(actor: Actor, orgId: string) {
      const org = await reference.getOrg(actor, orgId);
      const path = [...org.ancestorIds, org._id];
      const candidates = [...path].reverse().map(orgRulesId).concat(GLOBAL_RULES_ID);
      return pickRules(await policies.find({ _id: { $in: candidates } }), candidates);
    },

    /** Sets an org's own rules (staff of the org or an ancestor, admin), or the global ones (`orgId` null: admin only). */
    async putRules(actor: Actor, orgId: string | null, rules: ReputationRules) {
      if (orgId === null) {
        authorize(actor, 'reputation_rules.write_global', '只有系统管理员可以设置全局规则');
      } else {
        authorize(actor, 'reputation_rules.write', '只有工会工作人员可以设置规则');
        await reference.getOrg(actor, orgId);
      }
      const id = orgId === null ? GLOBAL_RULES_ID : orgRulesId(orgId);
      await policies.updateOne({ _id: id }, { $set: { rules, updatedAt: nowIso(deps), updatedBy: actor.userId } }, { upsert: true });
      return { rules, source: id };
    },

    /** 积分明细: newest first, with the total. */
    async ledger(actor: Actor, craftsmanId: string, page: PageQuery) {
      await visibleCraftsman(actor, craftsmanId);
      const [list, sum] = await Promise.all([
        paginate(points, { craftsmanId }, page, { createdAt: -1, _id: 1 }),
        points.aggregate<{ total: number }>([{ $match: { craftsmanId } }, { $group: { _id: null, total: { $sum: '$points' } } }]),
      ]);
      return { craftsmanId, totalPoints: sum[0]?.total ?? 0, ...list };
    },

    /** Craftsmen flagged for review in the actor's reach, newest flag first. */
    async flags(actor: Actor, page: PageQuery) {
      const filter = and({ reviewFlag: { $type: 'object' } }, craftsmanScope(actor));
      const list = await paginate(craftsmen, filter, page, { 'reviewFlag.flaggedAt': -1, _id: 1 });
      return { ...list, items: list.items.map((c) => ({ _id: c._id, name: c.name, regionCode: c.regionCode, status: c.status, rating: c.rating, ratingCount: c.ratingCount, reviewFlag: c.reviewFlag })) };
    },

    /** Staff decide on a flag: suspend (停用) or clear it; the decision and its reason are kept on the craftsman. */
    async review(actor: Actor, craftsmanId: string, input: { decision: 'suspend' | 'clear'; reason: string }) {
      authorize(actor, 'craftsman.review');
      const craftsman = await visibleCraftsman(actor, craftsmanId);
      if (!staffReachesRegion(actor, craftsman.regionPath)) throw forbidden('ACTION_NOT_ALLOWED', '只有所属工会的工作人员可以复核');
      const flag = (craftsman.reviewFlag ?? null) as ReviewFlag | null;
      if (!flag) throw conflict('REVIEW_NOT_FLAGGED', '该劳模工匠没有待复核标记');
      const at = nowIso(deps);
      const decision: ReviewDecision = { decision: input.decision, reason: input.reason, at, by: actor.userId, byName: actor.displayName, flag };
      const set: Record<string, unknown> = { reviewFlag: null, updatedAt: at };
      if (input.decision === 'suspend') Object.assign(set, { status: 'suspended', statusReason: input.reason });
      else set.reviewClearedAt = at;
      return deps.store.transaction(async () => {
        const updated = await craftsmen.updateOne({ _id: craftsmanId, 'reviewFlag.flaggedAt': flag.flaggedAt }, { $set: set, $push: { reviews: decision } });
        if (!updated) throw conflict('REVIEW_CHANGED', '该标记刚被他人处理，请刷新后重试');
        if (input.decision === 'suspend') await accounts.revokeSubject(actor, craftsmanId, input.reason);
        const event =
          input.decision === 'suspend'
            ? newEvent(deps, 'craftsman.status_changed', { type: 'craftsman', id: craftsmanId }, { from: craftsman.status, to: 'suspended', reason: input.reason, review: true }, actor)
            : newEvent(deps, 'craftsman.updated', { type: 'craftsman', id: craftsmanId }, { fields: ['reviewFlag'], review: 'clear', reason: input.reason }, actor);
        await recordEvents(deps, [event]);
        return { _id: updated._id, name: updated.name, status: updated.status, reviewFlag: updated.reviewFlag ?? null, reviews: updated.reviews ?? [] };
      });
    },
  };
}

export type ReputationService = ReturnType<typeof reputationService>;
