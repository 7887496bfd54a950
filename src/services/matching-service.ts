import { z } from 'zod';
import { bookingAdjuster } from './matching-bookings.js';
import { AppError, conflict, notFound } from '../errors.js';
import { authorize, reachFor } from '../domain/access/policy.js';
import { staffReachesOrg } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import {
  CandidateIndex,
  DEFAULT_MATCHING_POLICY,
  decideAutoDispatch,
  dispatchDecision,
  explainCandidate,
  prepareQuery,
  SHOWN_CANDIDATES,
  type DispatchDecision,
  type RankedCandidate,
  matchingPolicyOverrideSchema,
  mergePolicy,
  offerDeadlineMinutes,
  planBatch,
  prepareOrder,
  type MatchContext,
  type MatchingPolicy,
  type MatchingPolicyOverride,
  type OrderQuery,
  type Reach,
  type SkillTaxonomy,
} from '../domain/matching/index.js';
import type { Order } from '../domain/orders/order.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Actor } from '../domain/users/user.js';
import type { Segmenter } from '../ports/text.js';
import type { DecisionInput, DispatchService } from './dispatch-service.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import type { ReferenceService } from './reference-service.js';
import { SYSTEM_ACTOR, nowIso, paginate } from './shared.js';
import { matchingAuditEntry, type MatchingAuditAction, type MatchingAuditEntry } from '../domain/matching/matching-audit.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { SlaService } from './sla-service.js';

interface PolicyDoc {
  _id: string;
  override: MatchingPolicyOverride;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export interface PlanDoc {
  _id: string;
  status: 'draft' | 'applied';
  createdBy: string;
  orgRegionCode: string | null;
  /** The org the plan was made for (the creator's), and its ancestors: staff reaching that org may read and apply it. */
  orgId: string | null;
  orgAncestorIds: string[];
  createdAt: string;
  /** A plan reflects the moment it was computed; after this it can no longer be applied. */
  expiresAt: string;
  orderIds: string[];
  pairs: Array<{ orderId: string; craftsmanId: string; score: number; detail?: unknown }>;
  unassigned: Array<{ orderId: string; reason: string; message: string }>;
  totalScore: number;
  certifiedOptimal: boolean;
  appliedAt?: string;
  result?: unknown;
  [key: string]: unknown;
}

export const planRequestSchema = z
  .strictObject({ orderIds: z.array(z.string().min(1).max(64)).min(1).max(2_000).optional(), regionCode: z.string().regex(/^\d{6}$/).optional() })
  .refine((v) => Boolean(v.orderIds) !== Boolean(v.regionCode), '请给出 orderIds 或 regionCode 之一');

/** How long a batch plan may be applied after it was computed: orders and capacities move on. */
export const PLAN_TTL_MINUTES = 60;

/** When a plan stops being appliable (plans stored before expiry existed: their creation plus the TTL). */
const planExpiry = (plan: PlanDoc) => plan.expiresAt ?? new Date(Date.parse(plan.createdAt) + PLAN_TTL_MINUTES * 60_000).toISOString();

/**
 * 智能匹配: ranked and explained candidates for an order, matching policies per union org (inherited
 * down the tree), auto-dispatch with escalation, and batch plans that maximise the total score.
 * The candidate index lives in memory, is built from the store on first use and kept current by
 * `syncCraftsman` (the matching consumer calls it on every event that touches a craftsman); ranked
 * results are re-checked against the store before they are shown, so a stale snapshot never leaks.
 */
export function matchingService(
  deps: ServiceDeps,
  parts: { taxonomy: SkillTaxonomy; segment: Segmenter; reference: ReferenceService; orders: OrderService; dispatch: DispatchService; sla: SlaService },
) {
  const { taxonomy, segment, reference, orders, dispatch, sla } = parts;
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const orderDocs = deps.store.collection<Order>('orders');
  const policies = deps.store.collection<PolicyDoc>('policies');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const plans = deps.store.collection<PlanDoc>('plans');
  const audit = deps.store.collection<MatchingAuditEntry>('matchingAudit');
  let index: Promise<CandidateIndex> | null = null;
  // 预约日程: craftsmen booked solid in the order's preferred windows are listed after those who can come.
  const bookings = bookingAdjuster(deps);
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

  /** The org whose policy and reach apply to an order: where it was escalated to, else the federation serving its region. */
  async function governingOrg(order: Order): Promise<UnionOrg | null> {
    if (order.escalatedToOrgId) return orgs.findById(order.escalatedToOrgId);
    return reference.orgForRegionPath(order.regionPath);
  }

  async function effectivePolicy(org: UnionOrg | null): Promise<MatchingPolicy> {
    if (!org) return DEFAULT_MATCHING_POLICY;
    const chain = [...org.ancestorIds, org._id];
    const found = new Map((await policies.find({ _id: { $in: chain } })).map((p) => [p._id, p.override]));
    return mergePolicy(chain.map((id) => found.get(id)));
  }

  const context = (policy: MatchingPolicy): MatchContext => ({ taxonomy, policy, now: deps.clock.now(), similarCompleted });

  /** Staff reach their org's region; admin everyone; the engine acting alone uses the governing org's region. */
  const reachOf = (actor: Actor, fallback: string | null): Reach => (reachFor(actor, 'matching.candidates') === 'reach' ? (actor.orgRegionCode ?? '-') : actor === SYSTEM_ACTOR ? fallback : null);

  /** Ranks, then re-reads the ranked craftsmen: any whose stored state moved is refreshed and the ranking redone once. */
  async function rankFresh(order: Order, policy: MatchingPolicy, reach: Reach, limit: number) {
    const idx = await candidateIndex();
    const query = prepareOrder(order, taxonomy, segment);
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

  async function autoDispatch(order: Order): Promise<void> {
    const org = await governingOrg(order);
    const policy = await effectivePolicy(org);
    const ranked = await rankFresh(order, policy, org?.regionCode ?? null, SHOWN_CANDIDATES);
    const decision = decideAutoDispatch(order, ranked, policy);
    if (decision.kind === 'escalate') {
      await sla.escalate(order, decision.code === 'MAX_ATTEMPTS_REACHED' ? 'dispatch_failed' : 'no_candidate', decision.message);
      return;
    }
    try {
      await dispatch.offer(SYSTEM_ACTOR, order._id, { craftsmanId: decision.candidate.craftsmanId, expiresInMinutes: decision.expiresInMinutes, note: `系统自动派单：${decision.candidate.summary}` }, { auto: true, ranked });
    } catch (error) {
      // A race (the order was taken, the craftsman filled up) leaves the order as it is for people to handle.
      if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
    }
  }
  /** 派单决策记录: the list the decider saw (ranked now with the governing org's policy, in their reach) and the chosen craftsman's place in it. */
  async function decisionRecord(input: DecisionInput): Promise<DispatchDecision> {
    const org = await governingOrg(input.order);
    const policy = await effectivePolicy(org);
    const ranked = input.ranked ?? (await rankFresh(input.order, policy, reachOf(input.actor, org?.regionCode ?? null), SHOWN_CANDIDATES));
    const chosen = ranked.find((c) => c.craftsmanId === input.craftsmanId) ?? (await explainOne(input.order, policy, input.craftsmanId));
    return dispatchDecision({ offerId: input.offerId, orderId: input.order._id, org, kind: input.kind, decidedBy: input.actor.userId, decidedAt: input.decidedAt, policy, ranked, chosen });
  }

  /** One craftsman explained for an order, eligible or not (a chosen craftsman the list did not show). */
  async function explainOne(order: Order, policy: MatchingPolicy, craftsmanId: string): Promise<RankedCandidate> {
    const idx = await candidateIndex();
    const stored = await craftsmen.findById(craftsmanId);
    const profile = stored ? idx.upsert(stored) : idx.get(craftsmanId);
    if (!profile) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
    const ctx = idx.contextFor(context(policy));
    return explainCandidate(prepareQuery(prepareOrder(order, taxonomy, segment), ctx), profile, ctx);
  }

  orders.hooks.opened.push(autoDispatch);
  dispatch.settings.offerMinutes = async (order) => offerDeadlineMinutes(await effectivePolicy(await governingOrg(order)), order.urgency);
  sla.settings.acceptSlaHours = async (order) => (await effectivePolicy(await governingOrg(order))).acceptSlaHours[order.urgency];

  async function mustManageOrg(actor: Actor, orgId: string): Promise<UnionOrg> {
    const org = await orgs.findById(orgId);
    if (!org || !staffReachesOrg(actor, org)) throw notFound('ORG_NOT_FOUND', '工会组织不存在');
    return org;
  }

  return {
    autoDispatch,
    effectivePolicy,
    /** The taxonomy's content changed: profiles and completion counts are prepared again on next use. */
    taxonomyChanged() {
      index = null;
      completedBySkill.clear();
    },
    governingOrg,
    decisionRecord,

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
      const org = await governingOrg(order);
      const policy = await effectivePolicy(org);
      const candidates = await rankFresh(order, policy, reachOf(actor, org?.regionCode ?? null), limit);
      return { orderId, status: order.status, policyOrgId: org?._id ?? null, candidates };
    },

    async getPolicy(actor: Actor, orgId: string) {
      const org = await mustManageOrg(actor, orgId);
      const own = await policies.findById(orgId);
      return { orgId, own: own?.override ?? null, updatedAt: own?.updatedAt ?? null, effective: await effectivePolicy(org) };
    },

    /** Sets an org's own policy and writes who changed what into the matching audit trail, in one transaction. */
    async putPolicy(actor: Actor, orgId: string, input: unknown, source: { action: MatchingAuditAction; details?: Record<string, unknown> } = { action: 'matching_policy.updated' }) {
      const org = await mustManageOrg(actor, orgId);
      const override = matchingPolicyOverrideSchema.parse(input);
      const at = nowIso(deps);
      await deps.store.transaction(async () => {
        const before = await policies.findById(orgId);
        await policies.updateOne({ _id: orgId }, { $set: { override, updatedAt: at, updatedBy: actor.userId } }, { upsert: true });
        await audit.insertOne(matchingAuditEntry({ id: deps.ids.next('mau'), at, actor, orgId, action: source.action, before: before?.override ?? null, after: override, details: source.details }));
      });
      return { orgId, own: override, effective: await effectivePolicy(org) };
    },

    /** The org's trail of policy and taxonomy changes, newest first. */
    async auditTrail(actor: Actor, orgId: string, query: PageQuery) {
      await mustManageOrg(actor, orgId);
      return paginate(audit, { orgId }, query, { at: -1, _id: -1 });
    },

    /** A dry run: the max-total-score assignment of open orders in scope; nothing is offered until applied. */
    async createPlan(actor: Actor, input: z.infer<typeof planRequestSchema>) {
      const reach = authorize(actor, 'plan.create', '只有工会工作人员可以查看候选人和派单');
      const scope = await orders.scopeFor(actor);
      const filter = input.orderIds ? { _id: { $in: input.orderIds } } : { regionPath: input.regionCode };
      const open = await orderDocs.find({ $and: [scope, filter, { status: 'open' }] }, { limit: 2_000 });
      const notOpen = input.orderIds ? input.orderIds.filter((id) => !open.some((o) => o._id === id)) : [];
      const org = actor.orgId ? await orgs.findById(actor.orgId) : null;
      const policy = await effectivePolicy(org);
      const idx = await candidateIndex();
      for (const c of await craftsmen.find(reach === 'reach' && actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : {})) idx.upsert(c);
      const plan = planBatch(open.map((o) => prepareOrder(o, taxonomy, segment)), idx, context(policy), { reach: reachOf(actor, null) });
      const doc: PlanDoc = {
        _id: deps.ids.next('pln'),
        status: 'draft',
        createdBy: actor.userId,
        orgRegionCode: actor.orgRegionCode ?? null,
        orgId: org?._id ?? null,
        orgAncestorIds: org?.ancestorIds ?? [],
        createdAt: nowIso(deps),
        expiresAt: new Date(deps.clock.now().getTime() + PLAN_TTL_MINUTES * 60_000).toISOString(),
        orderIds: open.map((o) => o._id),
        pairs: plan.pairs.map((p) => ({ orderId: p.orderId, craftsmanId: p.craftsmanId, score: p.score, detail: p.detail })),
        unassigned: [
          ...plan.unassigned.map((u) => ({ orderId: u.orderId, reason: u.reason, message: u.message })),
          ...notOpen.map((orderId) => ({ orderId, reason: 'ORDER_NOT_OPEN', message: '该需求不在待派单状态或不在管辖范围内' })),
        ],
        totalScore: plan.totalScore,
        certifiedOptimal: plan.certifiedOptimal,
      };
      await plans.insertOne(doc);
      return doc;
    },

    /** A plan in the actor's org reach (a plan made by admin without an org: admin only), with whether it expired. */
    async getPlan(actor: Actor, id: string) {
      authorize(actor, 'plan.read');
      const plan = await plans.findById(id);
      const inReach = plan && (plan.orgId ? staffReachesOrg(actor, { _id: plan.orgId, ancestorIds: plan.orgAncestorIds ?? [] }) : reachFor(actor, 'plan.read') === 'all');
      if (!plan || !inReach) throw notFound('PLAN_NOT_FOUND', '派单方案不存在');
      return { ...plan, expired: planExpiry(plan) <= nowIso(deps) };
    },

    /** Turns a plan into offers; a pair that went stale (order taken, craftsman full) is refused, not forced. */
    async applyPlan(actor: Actor, id: string) {
      authorize(actor, 'plan.apply');
      const plan = await this.getPlan(actor, id);
      if (plan.status !== 'draft') throw new AppError({ kind: 'conflict', code: 'PLAN_ALREADY_APPLIED', message: '该派单方案已执行过' });
      if (plan.expired) throw conflict('PLAN_EXPIRED', `派单方案已超过 ${PLAN_TTL_MINUTES} 分钟有效期，请重新试算`, { expiresAt: planExpiry(plan) });
      const claimed = await plans.updateOne({ _id: id, status: 'draft' }, { $set: { status: 'applied', appliedAt: nowIso(deps) } });
      if (!claimed) throw new AppError({ kind: 'conflict', code: 'PLAN_ALREADY_APPLIED', message: '该派单方案已执行过' });
      const offered: Array<{ orderId: string; craftsmanId: string; offerId: string }> = [];
      const refused: Array<{ orderId: string; craftsmanId: string; code: string; message: string }> = [];
      for (const pair of plan.pairs) {
        try {
          const offer = await dispatch.offer(actor, pair.orderId, { craftsmanId: pair.craftsmanId, note: '批量派单' }, { kind: 'plan' });
          offered.push({ orderId: pair.orderId, craftsmanId: pair.craftsmanId, offerId: offer._id });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refused.push({ orderId: pair.orderId, craftsmanId: pair.craftsmanId, code: error.code, message: error.message });
        }
      }
      const result = { offered, refused };
      await plans.updateOne({ _id: id }, { $set: { result } });
      return { planId: id, ...result };
    },
  };
}

export type MatchingService = ReturnType<typeof matchingService>;
