import { conflict, invalid, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { offerScope, staffReachesRegion } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { DecisionKind, DispatchDecision } from '../domain/matching/dispatch-decision.js';
import type { RankedCandidate } from '../domain/matching/score.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Offer, OfferStatus, Order, Urgency } from '../domain/orders/order.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { transitionOrder } from './order-transition.js';
import { deadlinesFrom } from '../domain/orders/service-limits.js';
import type { ServiceLimitPolicyService } from './service-limit-policy-service.js';
import type { OrderService } from './order-service.js';
import { SYSTEM_ACTOR, and, newEvent, nowIso, paginate } from './shared.js';
import { studioScope } from '../domain/access/scope.js';
import { studioPeople, type Studio } from '../domain/studios/studio.js';

/** Default time a craftsman has to answer an offer, by urgency (minutes). */
export const DEFAULT_OFFER_MINUTES: Record<Urgency, number> = { low: 2880, normal: 1440, high: 240, critical: 60 };

export interface OfferInput {
  craftsmanId: string;
  expiresInMinutes?: number;
  note?: string;
  /** 团队派单: members going with the craftsman (the team's lead). */
  teamMemberIds?: string[];
  /** The studio the team comes from: the lead and members must belong to it (its members when none are named). */
  studioId?: string;
}

/** What the decision record of an offer is made from; ranking lives in matching, which the composition root wires in. */
export interface DecisionInput {
  order: Order;
  craftsmanId: string;
  actor: Actor;
  kind: DecisionKind;
  offerId: string;
  decidedAt: string;
  /** The list the decider saw when the caller ranked it already (auto-dispatch); otherwise ranked again now. */
  ranked?: readonly RankedCandidate[];
}

/** Conditions under which a craftsman can take one more order, as a store filter (atomic with the $inc). */
const hasFreeCapacity = (craftsmanId: string): Filter => ({ _id: craftsmanId, status: 'active', $expr: { $lt: ['$activeCount', '$capacity'] } });

/** 送单 and 接单: offers, accept, decline, expiry, claims — where races are decided. */
/** What dispatch reads from elsewhere, handed in by the composition root (defaults: a bare dispatch service in unit tests). */
export interface DispatchOptions {
  /** How long an offer on this order stays open when the sender names no deadline (the governing org's matching policy). */
  offerMinutes?: (order: Order) => Promise<number>;
  /** Makes the feedback record of a decision (派单决策记录) from the list ranking shows; without it none is kept. */
  decisionRecord?: (input: DecisionInput) => Promise<DispatchDecision>;
}

export function dispatchService(deps: ServiceDeps, orderService: OrderService, serviceLimits: Pick<ServiceLimitPolicyService, 'forRegionPath'>, options: DispatchOptions = {}) {
  /** 服务时限 fixed at acceptance by the policy governing the order's region, with nothing fired yet. */
  const limitsAt = async (order: Order, at: string) => ({ serviceDeadlines: deadlinesFrom(at, order, (await serviceLimits.forRegionPath(order.regionPath)).limits), firstContactAt: null, limitsFired: [] });
  const orders = deps.store.collection<Order>('orders');
  const offers = deps.store.collection<Offer>('offers');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const decisions = deps.store.collection<DispatchDecision>('dispatchDecisions');
  const studios = deps.store.collection<Studio>('studios');

  /** Whether one craftsman can take one more order now, or the conflict that says why not (naming whom, for a team). */
  function refuseIfUnable(craftsman: Craftsman, member: boolean) {
    const who = member ? `团队成员 ${craftsman.name}` : '该劳模工匠';
    const details = member ? { craftsmanId: craftsman._id } : undefined;
    if (craftsman.status !== 'active') throw conflict('CRAFTSMAN_NOT_ACTIVE', `${who}当前不接单（暂停、停用或已退出）`, details);
    if (craftsman.activeCount >= craftsman.capacity) throw conflict('CAPACITY_FULL', `${who}在办任务已达上限（${craftsman.capacity} 项）`, details);
  }

  /**
   * 团队派单: the members going with the lead — named, or the studio's other people — each a craftsman the
   * sender reaches, active and with a free slot now (each takes that slot on acceptance).
   */
  async function teamFor(actor: Actor, leadId: string, input: OfferInput): Promise<{ teamMemberIds: string[]; studioId: string | null }> {
    let wanted = input.teamMemberIds ?? [];
    if (input.studioId) {
      const studio = await studios.findOne(and({ _id: input.studioId }, studioScope(actor)));
      if (!studio) throw notFound('STUDIO_NOT_FOUND', '工作室不存在');
      const people = studioPeople(studio);
      if (!people.includes(leadId)) throw invalid('NOT_STUDIO_MEMBER', '派往工作室时，承接人应为该工作室的领衔人或成员', { field: 'craftsmanId' });
      if (!input.teamMemberIds) wanted = people;
      const outside = wanted.find((id) => !people.includes(id));
      if (outside) throw invalid('NOT_STUDIO_MEMBER', '团队成员应为该工作室的成员', { field: 'teamMemberIds', craftsmanId: outside });
    }
    const teamMemberIds = [...new Set(wanted)].filter((id) => id !== leadId);
    const found = new Map((await craftsmen.find({ _id: { $in: teamMemberIds } })).map((c) => [c._id, c]));
    for (const id of teamMemberIds) {
      const member = found.get(id);
      if (!member || !staffReachesRegion(actor, member.regionPath)) throw notFound('CRAFTSMAN_NOT_FOUND', '团队成员不存在或不在本级工会管辖范围内', { craftsmanId: id });
      refuseIfUnable(member, true);
    }
    return { teamMemberIds, studioId: input.studioId ?? null };
  }

  /** On acceptance: each member takes one capacity slot, atomically with the rest of the acceptance. */
  async function takeTeamSlots(memberIds: readonly string[], at: string) {
    for (const id of memberIds) {
      if (await craftsmen.updateOne(hasFreeCapacity(id), { $inc: { activeCount: 1 }, $set: { lastAssignedAt: at } })) continue;
      const member = await craftsmen.findById(id);
      if (!member) throw notFound('CRAFTSMAN_NOT_FOUND', '团队成员不存在', { craftsmanId: id });
      refuseIfUnable(member, true);
      throw conflict('CAPACITY_FULL', `团队成员 ${member.name} 在办任务已达上限`, { craftsmanId: id });
    }
  }
  const offerMinutes = options.offerMinutes ?? (async (order: Order) => DEFAULT_OFFER_MINUTES[order.urgency]);
  const decisionRecord = options.decisionRecord ?? null;

  async function loadOffer(actor: Actor, id: string): Promise<Offer> {
    const offer = await offers.findOne(and({ _id: id }, offerScope(actor)));
    if (!offer) throw notFound('OFFER_NOT_FOUND', '派单不存在');
    return offer;
  }

  /** Takes one capacity slot or explains why not (inside the caller's transaction). */
  async function takeSlot(craftsmanId: string, at: string) {
    const taken = await craftsmen.updateOne(hasFreeCapacity(craftsmanId), { $inc: { activeCount: 1 }, $set: { lastAssignedAt: at } });
    if (taken) return taken;
    const craftsman = await craftsmen.findById(craftsmanId);
    if (!craftsman) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
    if (craftsman.status !== 'active') throw conflict('CRAFTSMAN_NOT_ACTIVE', '该劳模工匠当前不接单（暂停、停用或已退出）');
    throw conflict('CAPACITY_FULL', `该劳模工匠在办任务已达上限（${craftsman.capacity} 项）`);
  }

  /** The answer to a pending offer that returns the order to open (decline or expiry). */
  async function release(offer: Offer, outcome: 'declined' | 'expired', actor: Actor, reason: string | null) {
    const at = nowIso(deps);
    const result = await deps.store.transaction(async () => {
      const answered = await offers.updateOne({ _id: offer._id, status: 'pending' }, { $set: { status: outcome, respondedAt: at, declineReason: reason } });
      if (!answered) throw conflict('OFFER_NOT_PENDING', '该派单已失效或已处理');
      const order = await orders.findById(offer.orderId);
      if (!order) throw notFound('ORDER_NOT_FOUND', '需求不存在');
      return transitionOrder(deps, order, outcome === 'declined' ? 'decline' : 'expire', actor, {
        system: outcome === 'expired',
        guard: { currentOfferId: offer._id },
        reason: reason ?? (outcome === 'expired' ? '派单超时未响应' : undefined),
        craftsmanId: offer.craftsmanId,
        offerId: offer._id,
        set: { currentOfferId: null },
        inc: { dispatchFailures: 1 },
        addToSet: { excludedCraftsmanIds: offer.craftsmanId },
        events: [newEvent(deps, outcome === 'declined' ? 'offer.declined' : 'offer.expired', { type: 'offer', id: offer._id }, { orderId: offer.orderId, craftsmanId: offer.craftsmanId, reason, regionCode: order.regionCode }, actor)],
      });
    });
    await orderService.notifyOpened(result);
    return result;
  }

  return {
    loadOffer,

    /** 送单: staff (or auto-dispatch) offer an open order to a craftsman; an offered order is re-dispatched. */
    async offer(actor: Actor, orderId: string, input: OfferInput, options: { auto?: boolean; kind?: DecisionKind; ranked?: readonly RankedCandidate[] } = {}): Promise<Offer> {
      authorize(actor, 'order.offer', '只有工会工作人员可以送单');
      const order = await orderService.load(actor, orderId);
      const craftsman = await craftsmen.findById(input.craftsmanId);
      if (!craftsman || !staffReachesRegion(actor, craftsman.regionPath)) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在或不在本级工会管辖范围内');
      refuseIfUnable(craftsman, false);
      const team = input.teamMemberIds || input.studioId ? await teamFor(actor, craftsman._id, input) : null;
      if (order.excludedCraftsmanIds.includes(craftsman._id)) throw conflict('CRAFTSMAN_EXCLUDED', '该劳模工匠已拒绝或超时未响应此需求，不能再次派给他');
      if (order.status === 'offered' && order.craftsmanId === null) {
        const pending = order.currentOfferId ? await offers.findById(order.currentOfferId) : null;
        if (pending?.craftsmanId === craftsman._id) throw conflict('ALREADY_OFFERED', '该需求已派给这位劳模工匠，正在等待响应');
      }
      const now = deps.clock.now();
      const minutes = input.expiresInMinutes ?? (await offerMinutes(order));
      const offer: Offer = {
        _id: deps.ids.next('off'),
        orderId: order._id,
        craftsmanId: craftsman._id,
        regionPath: order.regionPath,
        enterpriseId: order.enterpriseId,
        status: 'pending',
        note: input.note ?? null,
        offeredBy: actor.userId,
        auto: options.auto ?? false,
        ...(team ? team : {}),
        expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
        createdAt: now.toISOString(),
        respondedAt: null,
        declineReason: null,
      };
      const kind = options.kind ?? (options.auto ? 'auto' : 'manual');
      // Ranked before the transaction (a read), stored inside it: no offer without the list it was chosen from.
      const decision = decisionRecord
        ? await decisionRecord({ order, craftsmanId: craftsman._id, actor, kind, offerId: offer._id, decidedAt: offer.createdAt, ...(options.ranked ? { ranked: options.ranked } : {}) })
        : null;
      await deps.store.transaction(async () => {
        const events: DomainEvent[] = [];
        if (order.status === 'offered') events.push(...(await orderService.withdrawPendingOffer(order, actor, '工会改派')));
        await offers.insertOne(offer);
        if (decision) await decisions.insertOne(decision);
        events.push(newEvent(deps, 'offer.made', { type: 'offer', id: offer._id }, { orderId: order._id, craftsmanId: craftsman._id, expiresAt: offer.expiresAt, auto: offer.auto, regionCode: order.regionCode, title: order.title }, actor));
        await transitionOrder(deps, order, 'offer', actor, {
          system: options.auto,
          guard: { currentOfferId: order.currentOfferId },
          craftsmanId: craftsman._id,
          offerId: offer._id,
          set: { currentOfferId: offer._id, firstOfferedAt: order.firstOfferedAt ?? offer.createdAt },
          addToSet: { offeredCraftsmanIds: craftsman._id },
          events,
        });
        await craftsmen.updateOne({ _id: craftsman._id }, { $set: { lastAssignedAt: offer.createdAt } });
      });
      return offer;
    },

    /** 点名派单: one action offers the order to the craftsman the enterprise named (the same checks as any offer). */
    async offerNamed(actor: Actor, orderId: string, input: { expiresInMinutes?: number; note?: string }): Promise<Offer> {
      authorize(actor, 'order.offer', '只有工会工作人员可以送单');
      const order = await orderService.load(actor, orderId);
      if (!order.preferred) throw conflict('NOTHING_NAMED', '该需求没有点名劳模工匠');
      return this.offer(actor, orderId, { craftsmanId: order.preferred.id, expiresInMinutes: input.expiresInMinutes, note: input.note ?? `企业点名：${order.preferred.reason}` });
    },

    async listOffers(actor: Actor, query: PageQuery & { status?: OfferStatus[]; orderId?: string }) {
      authorize(actor, 'offer.list', '企业账号不能查看派单');
      const filters: Filter[] = [offerScope(actor)];
      if (query.status?.length) filters.push({ status: { $in: query.status } });
      if (query.orderId) filters.push({ orderId: query.orderId });
      const page = await paginate(offers, and(...filters), query, { createdAt: -1, _id: -1 });
      const ordersById = new Map((await orders.find({ _id: { $in: page.items.map((o) => o.orderId) } }, { projection: { title: 1, category: 1, urgency: 1, enterpriseName: 1, regionCode: 1, status: 1 } })).map((o) => [o._id, o]));
      return { ...page, items: page.items.map((offer) => ({ ...offer, order: ordersById.get(offer.orderId) ?? null })) };
    },

    /** 接单: the offered craftsman accepts; capacity and the offer's freshness are checked atomically. */
    async accept(actor: Actor, offerId: string): Promise<Order> {
      authorize(actor, 'offer.accept', '只有劳模工匠可以接单');
      const offer = await loadOffer(actor, offerId);
      // A retry of an accept that landed (its answer lost on a flaky link) gets the order as it stands, not a 409.
      if (offer.status === 'accepted' && offer.craftsmanId === actor.craftsmanId) return orderService.load(actor, offer.orderId);
      const at = nowIso(deps);
      if (offer.status === 'pending' && offer.expiresAt <= at) throw conflict('OFFER_EXPIRED', '该派单已超过响应期限');
      return deps.store.transaction(async () => {
        const accepted = await offers.updateOne({ _id: offerId, status: 'pending' }, { $set: { status: 'accepted', respondedAt: at } });
        if (!accepted) throw conflict('OFFER_NOT_PENDING', '该派单已失效或已处理');
        await takeSlot(offer.craftsmanId, at);
        const team = offer.teamMemberIds ?? [];
        await takeTeamSlots(team, at);
        const order = await orders.findById(offer.orderId);
        if (!order) throw notFound('ORDER_NOT_FOUND', '需求不存在');
        return transitionOrder(deps, order, 'accept', actor, {
          guard: { currentOfferId: offerId },
          craftsmanId: offer.craftsmanId,
          offerId,
          set: { craftsmanId: offer.craftsmanId, teamMemberIds: team, studioId: offer.studioId ?? null, currentOfferId: null, acceptedAt: at, dispatchFailures: 0, ...(await limitsAt(order, at)) },
          events: [newEvent(deps, 'offer.accepted', { type: 'offer', id: offerId }, { orderId: order._id, craftsmanId: offer.craftsmanId, enterpriseId: order.enterpriseId, regionCode: order.regionCode, title: order.title }, actor)],
        });
      });
    },

    async decline(actor: Actor, offerId: string, reason: string): Promise<Order> {
      authorize(actor, 'offer.decline', '只有劳模工匠可以拒绝派单');
      const offer = await loadOffer(actor, offerId);
      // A retried decline changes nothing more; the order may have left the craftsman's reach, so it is read directly.
      if (offer.status === 'declined' && offer.craftsmanId === actor.craftsmanId) {
        const order = await orders.findById(offer.orderId);
        if (order) return order;
      }
      return release(offer, 'declined', actor, reason);
    },

    /** The engine lets a pending offer lapse once its deadline has passed; a no-op for answered offers. */
    async expire(offerId: string): Promise<Order | null> {
      const offer = await offers.findById(offerId);
      if (!offer || offer.status !== 'pending') return null;
      if (offer.expiresAt > nowIso(deps)) return null;
      try {
        return await release(offer, 'expired', SYSTEM_ACTOR, null);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'OFFER_NOT_PENDING') return null;
        throw error;
      }
    },

    /** Craftsman takes an open order in reach; of many racing claims exactly one wins. */
    async claim(actor: Actor, orderId: string): Promise<Order> {
      authorize(actor, 'order.claim', '只有劳模工匠可以承接需求');
      if (!actor.craftsmanId) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在');
      // Orders in reach are found whatever their state, so a lost race reads 409 ORDER_NOT_OPEN, not 404.
      const order = await orderService.loadInReach(actor, orderId);
      const craftsmanId = actor.craftsmanId;
      const at = nowIso(deps);
      return deps.store.transaction(async () => {
        const claimed = await transitionOrder(deps, order, 'claim', actor, {
          guard: { craftsmanId: null },
          craftsmanId,
          set: { craftsmanId, acceptedAt: at, firstOfferedAt: order.firstOfferedAt ?? at, dispatchFailures: 0, ...(await limitsAt(order, at)) },
          events: [newEvent(deps, 'order.claimed', { type: 'order', id: orderId }, { craftsmanId, enterpriseId: order.enterpriseId, regionCode: order.regionCode, title: order.title }, actor)],
        });
        await takeSlot(craftsmanId, at);
        return claimed;
      });
    },
  };
}

export type DispatchService = ReturnType<typeof dispatchService>;
