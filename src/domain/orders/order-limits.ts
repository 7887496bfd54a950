import { z } from 'zod';
import type { OrderStatus } from './order.js';

/**
 * 点单限额: how many unfinished orders one enterprise may hold at once, so that no enterprise can
 * flood the unions' queues (and every ancestor org's webhooks). Set per union org; the nearest org
 * up the enterprise's region path with its own limit wins, like the matching policy.
 */
export const orderLimitsSchema = z.strictObject({
  maxOpenOrders: z.number().int().min(1, '至少允许 1 单').max(1000, '最多 1000 单'),
});
export type OrderLimits = z.infer<typeof orderLimitsSchema>;

export const DEFAULT_ORDER_LIMITS: OrderLimits = { maxOpenOrders: 20 };

/** States in which an order still asks something of the unions or a craftsman. */
export const UNFINISHED_ORDER_STATES: readonly OrderStatus[] = ['submitted', 'open', 'offered', 'in_progress', 'resolved'];

/** Where limits are kept: the `policies` collection, one document per org. */
export const orderLimitsId = (orgId: string) => `orderLimits:${orgId}`;

export interface StoredOrderLimits {
  _id: string;
  limits: OrderLimits;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

/** The limits that apply, given the stored documents and the ids to try, nearest first. */
export function pickOrderLimits(stored: readonly StoredOrderLimits[], candidates: readonly string[]): { limits: OrderLimits; source: string } {
  for (const id of candidates) {
    const found = stored.find((s) => s._id === id);
    if (found) return { limits: found.limits, source: id };
  }
  return { limits: DEFAULT_ORDER_LIMITS, source: 'default' };
}
