import { conflict, notFound } from '../errors.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Order, TimelineEntry } from '../domain/orders/order.js';
import { nextStatus, type OrderAction } from '../domain/orders/state-machine.js';
import type { Actor } from '../domain/users/user.js';
import type { Filter, Update } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { nowIso, recordEvents } from './shared.js';

export interface TransitionOptions {
  /** Extra conditions the stored order must still meet (e.g. the pending offer id). */
  guard?: Filter;
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  addToSet?: Record<string, unknown>;
  reason?: string;
  craftsmanId?: string;
  offerId?: string;
  events?: DomainEvent[];
  /** Acting as the engine itself (timers, auto-dispatch). */
  system?: boolean;
}

/**
 * Moves an order along the state machine with a conditional update on the state it was read in, so
 * two racing transitions cannot both apply; appends the timeline entry and stores the events.
 * Call inside a store transaction when other writes must go with it.
 */
export async function transitionOrder(deps: ServiceDeps, order: Order, action: OrderAction, actor: Actor, options: TransitionOptions = {}): Promise<Order> {
  const orders = deps.store.collection<Order>('orders');
  const role = options.system ? 'system' : actor.role;
  const to = nextStatus(order.status, action, role);
  const at = nowIso(deps);
  const entry: TimelineEntry = { at, action, from: order.status, to, actorId: actor.userId, actorRole: role, actorName: actor.displayName };
  if (options.reason) entry.reason = options.reason;
  if (options.craftsmanId) entry.craftsmanId = options.craftsmanId;
  if (options.offerId) entry.offerId = options.offerId;
  const update: Update = { $set: { ...options.set, status: to, updatedAt: at }, $push: { timeline: entry } };
  if (options.inc) update.$inc = options.inc;
  if (options.addToSet) update.$addToSet = options.addToSet;
  const updated = await orders.updateOne({ _id: order._id, status: order.status, ...options.guard }, update);
  if (!updated) {
    const fresh = await orders.findById(order._id);
    if (!fresh) throw notFound('ORDER_NOT_FOUND', '需求不存在');
    if (fresh.status !== order.status) nextStatus(fresh.status, action, role);
    throw conflict('ORDER_CHANGED', '需求刚被他人处理，请刷新后重试', { status: fresh.status });
  }
  if (options.events?.length) await recordEvents(deps, options.events);
  return updated;
}
