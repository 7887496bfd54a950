import { demoteBookedSolid, windowsSpan, type RankedCandidate } from '../domain/matching/index.js';
import type { TimeWindow } from '../domain/orders/appointment.js';
import type { Order } from '../domain/orders/order.js';
import type { ServiceDeps } from './deps.js';

/**
 * Reads the ranked craftsmen's confirmed visits overlapping the order's preferred windows (work in
 * service only; the order itself excluded) and lets the matching rule move those booked solid down.
 */
export function bookingAdjuster(deps: Pick<ServiceDeps, 'store'>) {
  const orders = deps.store.collection<Order>('orders');
  return async (order: Pick<Order, '_id' | 'preferredWindows'>, ranked: RankedCandidate[]): Promise<RankedCandidate[]> => {
    const windows = order.preferredWindows ?? [];
    const span = windowsSpan(windows);
    if (!span || ranked.length === 0) return ranked;
    const found = await orders.find(
      {
        _id: { $ne: order._id },
        craftsmanId: { $in: ranked.map((c) => c.craftsmanId) },
        status: 'in_progress',
        'appointment.status': 'confirmed',
        'appointment.slot.start': { $lt: span.end },
        'appointment.slot.end': { $gt: span.start },
      },
      { limit: 5_000, projection: { craftsmanId: 1, appointment: 1 } },
    );
    const booked = new Map<string, TimeWindow[]>();
    for (const o of found) {
      if (!o.craftsmanId || !o.appointment) continue;
      booked.set(o.craftsmanId, [...(booked.get(o.craftsmanId) ?? []), o.appointment.slot]);
    }
    return demoteBookedSolid(ranked, windows, booked);
  };
}
