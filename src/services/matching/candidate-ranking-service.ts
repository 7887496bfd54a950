import { notFound } from '../../errors.js';
import { authorize, reachFor } from '../../domain/access/policy.js';
import type { Craftsman } from '../../domain/craftsmen/craftsman.js';
import {
  CandidateIndex,
  SHOWN_CANDIDATES,
  dispatchDecision,
  explainCandidate,
  prepareOrder,
  prepareQuery,
  type DispatchDecision,
  type MatchContext,
  type MatchingPolicy,
  type OrderQuery,
  type RankedCandidate,
  type Reach,
  type SkillTaxonomy,
} from '../../domain/matching/index.js';
import type { Offer, Order } from '../../domain/orders/order.js';
import { namedBlockers } from '../../domain/matching/named-candidate.js';
import type { Actor } from '../../domain/users/user.js';
import type { Segmenter } from '../../ports/text.js';
import type { DecisionInput } from '../dispatch-service.js';
import type { ServiceDeps } from '../deps.js';
import type { OrderService } from '../order-service.js';
import { SYSTEM_ACTOR } from '../shared.js';
import { bookingAdjuster } from '../matching-bookings.js';
import type { MatchingPolicyService } from './matching-policy-service.js';

/**
 * 候选人排序: ranked and explained candidates for an order. The candidate index lives in memory, is
 * built from the store on first use and kept current by `syncCraftsman` (the matching consumer calls
 * it on every event that touches a craftsman); ranked results are re-checked against the store before
 * they are shown, so a stale snapshot never leaks.
 */
export function candidateRankingService(
  deps: ServiceDeps,
  parts: { taxonomy: SkillTaxonomy; segment: Segmenter; orders: Pick<OrderService, 'load'>; policy: MatchingPolicyService },
) {
  const { taxonomy, segment, orders, policy: policies } = parts;
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const orderDocs = deps.store.collection<Order>('orders');
  const offers = deps.store.collection<Offer>('offers');
  // 预约日程: craftsmen booked solid in the order's preferred windows are listed after those who can come.
  const bookings = bookingAdjuster(deps);
  let index: Promise<CandidateIndex> | null = null;
  /** canonical skill → craftsman → closed orders asking for it. */
  const completedBySkill = new Map<string, Map<string, number>>();

  function countCompleted(order: Pick<Order, 'requiredSkills' | 'craftsmanId'>, delta: number) {
    if (!order.craftsmanId) return;
    for (const skill of new Set(order.requiredSkills.map((s) => taxonomy.canonical(s)))) {
      let perCraftsman = completedBySkill.get(skill);
      if (!perCraftsman) completedBySkill.set(skill, (perCraftsman = new Map()));
      perCraftsman.set(order.craftsmanId, (perCraftsman.get(order.craftsmanId) ?? 0) + delta);
    }
  }

  function candidateIndex(): Promise<CandidateIndex> {
    index ??= (async () => {
      const built = new CandidateIndex(taxonomy, segment);
      for (const c of await craftsmen.find({})) built.upsert(c);
      for (const o of await orderDocs.find({ status: 'closed' }, { projection: { requiredSkills: 1, craftsmanId: 1 } })) countCompleted(o as Order, 1);
      return built;
    })();
    return index;
  }

  const similarCompleted = (craftsmanId: string, query: OrderQuery) => {
    let total = 0;
    for (const skill of query.skills) total += completedBySkill.get(skill)?.get(craftsmanId) ?? 0;
    return total;
  };

  const context = (policy: MatchingPolicy): MatchContext => ({ taxonomy, policy, now: deps.clock.now(), similarCompleted });
  const prepare = (order: Order) => prepareOrder(order, taxonomy, segment);

  /** Staff reach their org's region; admin everyone; the engine acting alone uses the governing org's region. */
  const reachOf = (actor: Actor, fallback: string | null): Reach => (reachFor(actor, 'matching.candidates') === 'reach' ? (actor.orgRegionCode ?? '-') : actor === SYSTEM_ACTOR ? fallback : null);

  /** Ranks, then re-reads the ranked craftsmen: any whose stored state moved is refreshed and the ranking redone once. */
  async function rankFresh(order: Order, policy: MatchingPolicy, reach: Reach, limit: number) {
    const idx = await candidateIndex();
    const query = prepare(order);
    let ranked = idx.rank(query, context(policy), { limit, reach });
    const stored = new Map((await craftsmen.find({ _id: { $in: ranked.map((r) => r.craftsmanId) } })).map((c) => [c._id, c]));
    let stale = false;
    for (const r of ranked) {
      const now = stored.get(r.craftsmanId);
      const snapshot = idx.get(r.craftsmanId)?.craftsman;
      if (!now) {
        idx.remove(r.craftsmanId);
        stale = true;
      } else if (!snapshot || snapshot.status !== now.status || snapshot.activeCount !== now.activeCount || snapshot.capacity !== now.capacity || snapshot.lastAssignedAt !== now.lastAssignedAt || snapshot.rating !== now.rating) {
        idx.upsert(now);
        stale = true;
      }
    }
    if (stale) ranked = idx.rank(query, context(policy), { limit, reach });
    return bookings(order, ranked);
  }

  /** One craftsman explained for an order, eligible or not (a chosen craftsman the list did not show). */
  async function explainOne(order: Order, policy: MatchingPolicy, craftsmanId: string): Promise<RankedCandidate> {
    const idx = await candidateIndex();
    const stored = await craftsmen.findById(craftsmanId);
    const profile = stored ? idx.upsert(stored) : idx.get(craftsmanId);
    if (!profile) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
    const ctx = idx.contextFor(context(policy));
    return explainCandidate(prepareQuery(prepare(order), ctx), profile, ctx);
  }

  /**
   * 点名 as the dispatcher sees it: who was asked for and why, whether one action offers them the
   * order, why not, and how they score (also when the list does not show them).
   */
  async function namedOnList(order: Order, policy: MatchingPolicy, reach: Reach, shown: readonly RankedCandidate[]) {
    const preferred = order.preferred;
    if (!preferred) return null;
    const craftsman = await craftsmen.findById(preferred.id);
    const pending = order.status === 'offered' && order.currentOfferId ? await offers.findById(order.currentOfferId) : null;
    const blockers = namedBlockers(order, craftsman, reach, pending?.craftsmanId ?? null);
    const listed = shown.find((c) => c.craftsmanId === preferred.id) ?? null;
    const candidate = listed ?? (craftsman ? await explainOne(order, policy, craftsman._id) : null);
    return { ...preferred, dispatchable: blockers.length === 0, blockers, listed: listed !== null, candidate };
  }

  return {
    candidateIndex,
    context,
    prepare,
    reachOf,
    rankFresh,

    /** 派单决策记录: the list the decider saw (ranked now with the governing org's policy, in their reach) and the chosen craftsman's place in it. */
    async decisionRecord(input: DecisionInput): Promise<DispatchDecision> {
      const org = await policies.governingOrg(input.order);
      const policy = await policies.effectivePolicy(org);
      const ranked = input.ranked ?? (await rankFresh(input.order, policy, reachOf(input.actor, org?.regionCode ?? null), SHOWN_CANDIDATES));
      const chosen = ranked.find((c) => c.craftsmanId === input.craftsmanId) ?? (await explainOne(input.order, policy, input.craftsmanId));
      return dispatchDecision({ offerId: input.offerId, orderId: input.order._id, org, kind: input.kind, decidedBy: input.actor.userId, decidedAt: input.decidedAt, policy, ranked, chosen });
    },

    /** The taxonomy's content changed: profiles and completion counts are prepared again on next use. */
    taxonomyChanged() {
      index = null;
      completedBySkill.clear();
    },

    /** Keeps the in-memory index current (called for every event touching a craftsman). */
    async syncCraftsman(id: string) {
      if (!index) return;
      const idx = await index;
      const doc = await craftsmen.findById(id);
      if (doc) idx.upsert(doc);
      else idx.remove(id);
    },

    /** A confirmed order adds to its craftsman's "similar orders completed". */
    async orderClosed(orderId: string) {
      if (!index) return;
      const order = await orderDocs.findById(orderId);
      // A reopened order closing again is the same completion.
      if (order?.status === 'closed' && (!order.firstClosedAt || order.firstClosedAt === order.closedAt)) countCompleted(order, 1);
    },

    async candidates(actor: Actor, orderId: string, limit: number) {
      authorize(actor, 'matching.candidates', '只有工会工作人员可以查看候选人和派单');
      const order = await orders.load(actor, orderId);
      const org = await policies.governingOrg(order);
      const policy = await policies.effectivePolicy(org);
      const reach = reachOf(actor, org?.regionCode ?? null);
      const candidates = await rankFresh(order, policy, reach, limit);
      return { orderId, status: order.status, policyOrgId: org?._id ?? null, candidates, named: await namedOnList(order, policy, reach, candidates) };
    },
  };
}

export type CandidateRankingService = ReturnType<typeof candidateRankingService>;
