import { checkPreferredWindows, type AttendanceOutcome } from '../domain/orders/appointment.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { craftsmanReachCode, orderScope, prefectureOf, staffReachesRegion, talentPoolReach } from '../domain/access/scope.js';
import type { PreferredInput, PreferredProvider } from '../domain/orders/named-request.js';
import { UNFINISHED_ORDER_STATES } from '../domain/orders/order-limits.js';
import { firstCompletion } from '../domain/orders/service-record-rules.js';
import { deadlinesAfterReopen } from '../domain/orders/service-limits.js';
import { blindRatings } from '../domain/orders/mutual-rating.js';
import { pushRating, shrunkRating, DEFAULT_RATING_RULE } from '../domain/craftsmen/rating.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import { defaultOwner, untouchedLifecycle, type Offer, type Order, type OrderCategory, type OrderCreate, type OrderSource, type OrderStatus, type Urgency } from '../domain/orders/order.js';
import { regionPath } from '../domain/regions/region.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { escapeRegex } from './enterprise-service.js';
import { transitionOrder } from './order-transition.js';
import type { OrderLimitService } from './order-limit-service.js';
import type { OrderNumberService } from './order-number-service.js';
import type { ReferenceService } from './reference-service.js';
import type { ServiceLimitPolicyService } from './service-limit-policy-service.js';
import { DEFAULT_FOLLOW_UP_DAYS, scheduleFollowUp, type FollowUpStatus } from '../domain/orders/follow-up.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

export interface OrderListQuery extends PageQuery {
  /** Plain substring match on title and description (the search service does full text). */
  q?: string;
  status?: OrderStatus[];
  category?: OrderCategory[];
  urgency?: Urgency[];
  regionCode?: string;
  enterpriseId?: string;
  /** A craftsman's work (its service history), within the caller's scope. */
  craftsmanId?: string;
  source?: OrderSource[];
  /** 责任人: a staff login's id (the route turns `owner=me` into the caller's). */
  ownerId?: string;
  followUp?: FollowUpStatus[];
  /** 到访情况 of the booked visit (late, missed). */
  attendance?: AttendanceOutcome[];
}

/**
 * Each enterprise holds at most the limit's unfinished orders, however they were submitted (online or
 * entered by staff): 409 OPEN_ORDER_LIMIT beyond it.
 */
export async function checkOpenOrderLimit(deps: ServiceDeps, limits: OrderLimitService, enterprise: Pick<Enterprise, '_id' | 'regionPath'>): Promise<void> {
  const { limits: limit } = await limits.forRegionPath(enterprise.regionPath);
  const unfinished = await deps.store.collection<Order>('orders').count({ enterpriseId: enterprise._id, status: { $in: [...UNFINISHED_ORDER_STATES] } });
  if (unfinished >= limit.maxOpenOrders) {
    throw conflict('OPEN_ORDER_LIMIT', `本企业未办结的需求已达 ${limit.maxOpenOrders} 项上限，请待已有需求办结后再提交`, { limit: limit.maxOpenOrders, unfinished });
  }
}

/** A linked order must be an earlier order of the same enterprise (404 otherwise, like any order out of reach). */
export async function checkLinkedOrder(deps: ServiceDeps, enterpriseId: string, linkedOrderId: string | undefined): Promise<void> {
  if (!linkedOrderId) return;
  const linked = await deps.store.collection<Order>('orders').findOne({ _id: linkedOrderId, enterpriseId });
  if (!linked) throw notFound('ORDER_NOT_FOUND', '关联的原需求不存在', { field: 'linkedOrderId' });
}

/** Called when an order becomes open (vetted, declined, expired): auto-dispatch hooks in here. */
export type OrderOpenedHook = (order: Order) => Promise<void>;

/** 需求单: submit (点单), read, vet, cancel, confirm with a rating, reopen. */
export function orderService(deps: ServiceDeps, reference: ReferenceService, limits: OrderLimitService, numbers: Pick<OrderNumberService, 'next'>, serviceLimits: Pick<ServiceLimitPolicyService, 'forRegionPath'>) {
  const orders = deps.store.collection<Order>('orders');
  const offers = deps.store.collection<Offer>('offers');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const hooks: { opened: OrderOpenedHook[] } = { opened: [] };

  /** 点名: the named craftsman must be in the enterprise's talent pool (404 otherwise, like any craftsman out of reach). */
  async function namedProvider(enterprise: Enterprise, input: PreferredInput | undefined): Promise<PreferredProvider | null> {
    if (!input) return null;
    const craftsman = await craftsmen.findOne({ _id: input.id, ...talentPoolReach(enterprise.regionCode) });
    if (!craftsman) throw notFound('NAMED_CRAFTSMAN_NOT_FOUND', '点名的劳模工匠不存在，或不在本企业可选的人才库范围内', { field: 'preferred.id' });
    return { kind: input.kind, id: craftsman._id, name: craftsman.name, reason: input.reason };
  }

  async function scopeFor(actor: Actor): Promise<Filter> {
    if (!actor.craftsmanId) return orderScope(actor);
    const me = await craftsmen.findById(actor.craftsmanId);
    return orderScope(actor, me ? craftsmanReachCode(me.regionCode) : undefined);
  }

  /** The order if the actor may see it; 404 otherwise (existence does not leak). */
  async function load(actor: Actor, id: string): Promise<Order> {
    const order = await orders.findOne(and({ _id: id }, await scopeFor(actor)));
    if (!order) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    return order;
  }

  /**
   * One order for the caller to look at (the detail answer), read-only: the store may hand out the
   * stored document itself rather than a copy, which is most of what answering it costs. Callers that
   * go on to change the order use `load`.
   */
  async function readFrozen(actor: Actor, id: string): Promise<Readonly<Order>> {
    const order = await orders.findOne(and({ _id: id }, await scopeFor(actor)), { readOnly: true });
    if (!order) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    return order;
  }

  /** For a craftsman about to claim: its own scope plus every order in its reach, whatever the state. */
  async function loadInReach(actor: Actor, id: string): Promise<Order> {
    const me = actor.craftsmanId ? await craftsmen.findById(actor.craftsmanId) : null;
    const reach: Filter = me ? { regionPath: craftsmanReachCode(me.regionCode) } : { _id: { $in: [] } };
    const order = await orders.findOne(and({ _id: id }, { $or: [await scopeFor(actor), reach] }));
    if (!order) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    return order;
  }

  async function takeSlotForReopen(craftsmanId: string) {
    const taken = await craftsmen.updateOne({ _id: craftsmanId, status: 'active', $expr: { $lt: ['$activeCount', '$capacity'] } }, { $inc: { activeCount: 1 } });
    if (taken) return;
    const craftsman = await craftsmen.findById(craftsmanId);
    if (craftsman && craftsman.status !== 'active') throw conflict('CRAFTSMAN_NOT_ACTIVE', '承接该需求的劳模工匠当前不接单（暂停、停用或已退出），请联系工会改派');
    throw conflict('CAPACITY_FULL', `承接该需求的劳模工匠在办任务已达上限（${craftsman?.capacity ?? 0} 项），暂不能重新打开，请联系工会`);
  }

  /** The list's filters in the actor's scope: one builder for the list and the export, so they cannot drift. */
  async function listFilter(actor: Actor, query: Omit<OrderListQuery, 'page' | 'limit'>): Promise<Filter> {
    const filters: Filter[] = [await scopeFor(actor)];
    if (query.status?.length) filters.push({ status: { $in: query.status } });
    if (query.category?.length) filters.push({ category: { $in: query.category } });
    if (query.urgency?.length) filters.push({ urgency: { $in: query.urgency } });
    if (query.regionCode) filters.push({ regionPath: query.regionCode });
    if (query.enterpriseId) filters.push({ enterpriseId: query.enterpriseId });
    if (query.craftsmanId) filters.push({ craftsmanId: query.craftsmanId });
    if (query.ownerId) filters.push({ ownerId: query.ownerId });
    if (query.followUp?.length) filters.push({ 'followUp.status': { $in: query.followUp } });
    if (query.attendance?.length) filters.push({ 'appointment.attendance': { $in: query.attendance } });
    // Orders stored before sources were recorded are the enterprise's own.
    if (query.source?.length) filters.push(query.source.includes('enterprise') ? { $or: [{ source: { $in: query.source } }, { source: { $exists: false } }] } : { source: { $in: query.source } });
    if (query.q) {
      const $regex = escapeRegex(query.q);
      filters.push({ $or: [{ number: { $regex } }, { title: { $regex } }, { description: { $regex } }, { enterpriseName: { $regex } }] });
    }
    return and(...filters);
  }

  async function notifyOpened(order: Order) {
    if (!order.autoDispatch || order.status !== 'open') return;
    for (const hook of hooks.opened) await hook(order);
  }

  /** Withdraws the pending offer of an order that leaves `offered` some other way. */
  async function withdrawPendingOffer(order: Order, actor: Actor, reason: string) {
    if (!order.currentOfferId) return [];
    const withdrawn = await offers.updateOne({ _id: order.currentOfferId, status: 'pending' }, { $set: { status: 'withdrawn', respondedAt: nowIso(deps), declineReason: reason } });
    return withdrawn ? [newEvent(deps, 'offer.withdrawn', { type: 'offer', id: withdrawn._id }, { orderId: order._id, craftsmanId: withdrawn.craftsmanId, reason }, actor)] : [];
  }

  /** The order as the actor may see it: the other side's rating stays hidden until both are in (双向评价). */
  const present = (actor: Actor, order: Order) => blindRatings(order, actor.role, nowIso(deps));

  return {
    present,

    /** An order to show: in scope, with ratings blinded for the side that may not see them yet. */
    async read(actor: Actor, id: string) {
      return present(actor, await readFrozen(actor, id));
    },
    /** Stored orders by id, unscoped: for callers that already applied scope (search results). */
    listByIds: (ids: string[]) => orders.find({ _id: { $in: ids } }),
    load,
    loadInReach,
    scopeFor,
    hooks,
    notifyOpened,
    withdrawPendingOffer,

    async submit(actor: Actor, input: OrderCreate): Promise<Order> {
      authorize(actor, 'order.submit', '只有企业账号可以提交需求（点单）');
      const preferredWindows = checkPreferredWindows(input.preferredWindows ?? [], nowIso(deps));
      const enterprise = actor.enterpriseId ? await enterprises.findById(actor.enterpriseId) : null;
      if (!enterprise) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在');
      const regionCode = input.regionCode ?? enterprise.regionCode;
      if (input.regionCode) {
        await reference.requireRegion(input.regionCode);
        // The enterprise's own prefecture: an order elsewhere would reach unions that do not serve it.
        if (!regionPath(input.regionCode).includes(prefectureOf(enterprise.regionCode))) {
          throw forbidden('ORDER_REGION_OUT_OF_REACH', '需求所在地只能在本企业所在州（市）范围内，跨地区需求请联系工会录入', { field: 'regionCode' });
        }
      }
      await checkOpenOrderLimit(deps, limits, enterprise);
      await checkLinkedOrder(deps, enterprise._id, input.linkedOrderId);
      const preferred = await namedProvider(enterprise, input.preferred);
      const now = nowIso(deps);
      const order: Order = {
        _id: deps.ids.next('ord'),
        enterpriseId: enterprise._id,
        enterpriseName: enterprise.name,
        ...input,
        preferred,
        preferredWindows,
        appointment: null,
        regionCode,
        regionPath: regionPath(regionCode),
        status: 'submitted',
        source: 'enterprise',
        enteredBy: null,
        ...untouchedLifecycle(now),
        timeline: [{ at: now, action: 'submit', from: null, to: 'submitted', actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName }],
      };
      // The number is taken inside the transaction: a submission that rolls back gives its number back.
      return deps.store.transaction(async () => {
        const numbered: Order = { ...order, number: await numbers.next(order) };
        await orders.insertOne(numbered);
        await recordEvents(deps, [newEvent(deps, 'order.submitted', { type: 'order', id: order._id }, { enterpriseId: order.enterpriseId, regionCode, category: order.category, urgency: order.urgency, number: numbered.number, named: preferred ? { kind: preferred.kind, id: preferred.id } : null }, actor)]);
        return numbered;
      });
    },

    listFilter,

    async list(actor: Actor, query: OrderListQuery) {
      authorize(actor, 'order.list');
      const page = await paginate(orders, await listFilter(actor, query), query, { createdAt: -1, _id: -1 });
      return { ...page, items: page.items.map((order) => {
        const { timeline: _timeline, ...summary } = present(actor, order);
        return summary;
      }) };
    },

    async vet(actor: Actor, id: string, input: { approve: boolean; reason?: string; regionCode?: string }): Promise<Order> {
      const order = await load(actor, id);
      const action = input.approve ? 'vet_approve' : 'vet_reject';
      // Who approves it answers for it (责任人), unless someone already does.
      const set: Record<string, unknown> = input.approve && !order.ownerId ? { ...defaultOwner(actor) } : {};
      if (input.regionCode && input.regionCode !== order.regionCode) {
        await reference.requireRegion(input.regionCode);
        const path = regionPath(input.regionCode);
        if (!staffReachesRegion(actor, path)) throw forbidden('REGION_OUT_OF_SCOPE', '只能把需求安排在本级工会管辖范围内', { field: 'regionCode' });
        Object.assign(set, { regionCode: input.regionCode, regionPath: path });
      }
      const updated = await deps.store.transaction(() =>
        transitionOrder(deps, order, action, actor, {
          reason: input.reason,
          set,
          events: [newEvent(deps, input.approve ? 'order.approved' : 'order.rejected', { type: 'order', id }, { reason: input.reason ?? null, regionCode: order.regionCode, enterpriseId: order.enterpriseId }, actor)],
        }),
      );
      await notifyOpened(updated);
      return updated;
    },

    async cancel(actor: Actor, id: string, reason: string): Promise<Order> {
      const order = await load(actor, id);
      return deps.store.transaction(async () => {
        const events = [newEvent(deps, 'order.cancelled', { type: 'order', id }, { reason, from: order.status, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId }, actor)];
        if (order.status === 'offered') events.push(...(await withdrawPendingOffer(order, actor, '需求已取消')));
        if (order.status === 'in_progress' && order.craftsmanId) {
          for (const id of [order.craftsmanId, ...(order.teamMemberIds ?? [])]) await craftsmen.updateOne({ _id: id, activeCount: { $gt: 0 } }, { $inc: { activeCount: -1 } });
        }
        return transitionOrder(deps, order, 'cancel', actor, { reason, set: { currentOfferId: null }, guard: { currentOfferId: order.currentOfferId }, events });
      });
    },

    /** The enterprise confirms the result and rates it: the order closes and the craftsman's figures move. */
    async confirm(actor: Actor, id: string, input: { rating: number; comment?: string }): Promise<Order> {
      const order = await load(actor, id);
      return deps.store.transaction(async () => {
        const closed = await transitionOrder(deps, order, 'confirm', actor, {
          set: {
            rating: input.rating,
            ratingComment: input.comment ?? null,
            enterpriseRatedAt: nowIso(deps),
            closedAt: nowIso(deps),
            firstClosedAt: order.firstClosedAt ?? nowIso(deps),
            // 回访 is scheduled at the first close; a reopened order closing again keeps its follow-up.
            ...(order.followUp ? {} : { followUp: scheduleFollowUp(nowIso(deps), (await serviceLimits.forRegionPath(order.regionPath)).limits.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS) }),
          },
          events: [newEvent(deps, 'order.confirmed', { type: 'order', id }, { craftsmanId: order.craftsmanId, rating: input.rating, enterpriseId: order.enterpriseId, category: order.category }, actor)],
        });
        // A reopened order closing again is the same completion: it is counted the first time only.
        if (order.craftsmanId && firstCompletion(order)) {
          const craftsman = await craftsmen.findById(order.craftsmanId);
          if (craftsman) {
            const recent = pushRating(craftsman.recentRatings ?? [], input.rating, DEFAULT_RATING_RULE);
            await craftsmen.updateOne({ _id: craftsman._id }, { $set: { recentRatings: recent, rating: shrunkRating(recent, DEFAULT_RATING_RULE) }, $inc: { ratingCount: 1, completedCount: 1 } });
          }
        }
        return closed;
      });
    },

    /** Within the window after resolution the enterprise can send the work back to the same craftsman. */
    async reopen(actor: Actor, id: string, reason: string): Promise<Order> {
      const order = await load(actor, id);
      if (order.resolvedAt && (order.status === 'resolved' || order.status === 'closed')) {
        const deadline = new Date(order.resolvedAt).getTime() + deps.settings.reopenWindowDays * 86_400_000;
        if (deps.clock.now().getTime() > deadline) throw conflict('REOPEN_WINDOW_PASSED', `已超过解决后 ${deps.settings.reopenWindowDays} 天的重新打开期限`);
      }
      // 服务时限: the resolution is due again within its time, counted from now.
      const limitsAgain = deadlinesAfterReopen(order, nowIso(deps), (await serviceLimits.forRegionPath(order.regionPath)).limits);
      return deps.store.transaction(async () => {
        const reopened = await transitionOrder(deps, order, 'reopen', actor, {
          reason,
          inc: { reopenCount: 1 },
          set: { resolvedAt: null, closedAt: null, ...(limitsAgain ?? {}) },
          events: [newEvent(deps, 'order.reopened', { type: 'order', id }, { reason, from: order.status, craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId }, actor)],
        });
        // The work comes back to the same craftsman: it takes a slot like any other, or the reopen is refused.
        if (order.craftsmanId) await takeSlotForReopen(order.craftsmanId);
        return reopened;
      });
    },
  };
}

export type OrderService = ReturnType<typeof orderService>;
