import { authorize } from '../domain/access/policy.js';
import { RATEABLE_ORDER_STATES, type CraftsmanRating, type CraftsmanRatingInput } from '../domain/orders/mutual-rating.js';
import type { Order } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import { conflict, notFound } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { newEvent, nowIso, recordEvents } from './shared.js';

/** 双向评价: the craftsman's side — it rates the enterprise's cooperation once its work is reported done. */
export function mutualRatingService(deps: ServiceDeps, orders: OrderService) {
  const orderDocs = deps.store.collection<Order>('orders');

  return {
    async rateEnterprise(actor: Actor, id: string, input: CraftsmanRatingInput) {
      authorize(actor, 'order.rate_enterprise', '只有承接该需求的劳模工匠可以评价企业');
      const order = await orders.load(actor, id);
      if (order.craftsmanId !== actor.craftsmanId) throw notFound('ORDER_NOT_FOUND', '需求不存在');
      if (!(RATEABLE_ORDER_STATES as readonly string[]).includes(order.status)) throw conflict('ORDER_NOT_RESOLVED', '提交解决情况后才能评价企业', { status: order.status });
      if (order.craftsmanRating) throw conflict('CRAFTSMAN_ALREADY_RATED', '您已评价过该企业的配合情况');
      const at = nowIso(deps);
      const rating: CraftsmanRating = { rating: input.rating, comment: input.comment ?? null, ratedAt: at };
      return deps.store.transaction(async () => {
        const saved = await orderDocs.updateOne(
          { _id: id, craftsmanId: actor.craftsmanId ?? '-', $or: [{ craftsmanRating: null }, { craftsmanRating: { $exists: false } }] },
          {
            $set: { craftsmanRating: rating, updatedAt: at },
            $push: { timeline: { at, action: 'rate_enterprise', from: order.status, to: order.status, actorId: actor.userId, actorRole: actor.role, actorName: actor.displayName, reason: '劳模工匠评价企业配合情况' } },
          },
        );
        if (!saved) throw conflict('CRAFTSMAN_ALREADY_RATED', '您已评价过该企业的配合情况');
        await recordEvents(deps, [newEvent(deps, 'order.craftsman_rated', { type: 'order', id }, { craftsmanId: order.craftsmanId, enterpriseId: order.enterpriseId, rating: input.rating }, actor)]);
        return orders.present(actor, saved);
      });
    },
  };
}

export type MutualRatingService = ReturnType<typeof mutualRatingService>;
