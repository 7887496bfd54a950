import { z } from 'zod';
import { AppError, conflict, notFound } from '../../errors.js';
import { authorize, reachFor } from '../../domain/access/policy.js';
import { staffReachesOrg } from '../../domain/access/scope.js';
import type { Craftsman } from '../../domain/craftsmen/craftsman.js';
import { planBatch } from '../../domain/matching/index.js';
import type { Order } from '../../domain/orders/order.js';
import type { UnionOrg } from '../../domain/orgs/union-org.js';
import type { Actor } from '../../domain/users/user.js';
import type { DispatchService } from '../dispatch-service.js';
import type { ServiceDeps } from '../deps.js';
import type { OrderService } from '../order-service.js';
import { nowIso } from '../shared.js';
import type { CandidateRankingService } from './candidate-ranking-service.js';
import type { MatchingPolicyService } from './matching-policy-service.js';

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

/** 批量派单方案: the max-total-score assignment of open orders in scope, stored as a draft and applied as offers. */
export function batchPlanService(
  deps: ServiceDeps,
  parts: { orders: Pick<OrderService, 'scopeFor'>; dispatch: Pick<DispatchService, 'offer'>; policy: MatchingPolicyService; ranking: CandidateRankingService },
) {
  const { orders, dispatch, policy: policies, ranking } = parts;
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const orderDocs = deps.store.collection<Order>('orders');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const plans = deps.store.collection<PlanDoc>('plans');

  /** A plan in the actor's org reach (a plan made by admin without an org: admin only), with whether it expired. */
  async function getPlan(actor: Actor, id: string) {
    authorize(actor, 'plan.read');
    const plan = await plans.findById(id);
    const inReach = plan && (plan.orgId ? staffReachesOrg(actor, { _id: plan.orgId, ancestorIds: plan.orgAncestorIds ?? [] }) : reachFor(actor, 'plan.read') === 'all');
    if (!plan || !inReach) throw notFound('PLAN_NOT_FOUND', '派单方案不存在');
    return { ...plan, expired: planExpiry(plan) <= nowIso(deps) };
  }

  return {
    getPlan,

    /** A dry run: the max-total-score assignment of open orders in scope; nothing is offered until applied. */
    async createPlan(actor: Actor, input: z.infer<typeof planRequestSchema>) {
      const reach = authorize(actor, 'plan.create', '只有工会工作人员可以查看候选人和派单');
      const scope = await orders.scopeFor(actor);
      const filter = input.orderIds ? { _id: { $in: input.orderIds } } : { regionPath: input.regionCode };
      const open = await orderDocs.find({ $and: [scope, filter, { status: 'open' }] }, { limit: 2_000 });
      const notOpen = input.orderIds ? input.orderIds.filter((id) => !open.some((o) => o._id === id)) : [];
      const org = actor.orgId ? await orgs.findById(actor.orgId) : null;
      const policy = await policies.effectivePolicy(org);
      const idx = await ranking.candidateIndex();
      for (const c of await craftsmen.find(reach === 'reach' && actor.orgRegionCode ? { regionPath: actor.orgRegionCode } : {})) idx.upsert(c);
      const plan = planBatch(open.map(ranking.prepare), idx, ranking.context(policy), { reach: ranking.reachOf(actor, null) });
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

    /** Turns a plan into offers; a pair that went stale (order taken, craftsman full) is refused, not forced. */
    async applyPlan(actor: Actor, id: string) {
      authorize(actor, 'plan.apply');
      const plan = await getPlan(actor, id);
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

export type BatchPlanService = ReturnType<typeof batchPlanService>;
