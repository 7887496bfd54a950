import type { Craftsman } from '../craftsmen/craftsman.js';
import type { Order } from '../orders/order.js';
import { ineligibilities, ineligibleReasonLabels, type IneligibleReason, type Reach } from './score.js';

/** Why the named provider cannot be offered the order now: the matching filters, plus the order's own state. */
export const namedBlockerCodes = ['NOT_FOUND', 'ORDER_NOT_DISPATCHABLE', 'ALREADY_OFFERED', 'NOT_ACTIVE', 'NO_FREE_CAPACITY', 'NO_SHARED_SERVICE_MODE', 'EXCLUDED_ON_ORDER', 'OUT_OF_REACH'] as const;
export type NamedBlockerCode = (typeof namedBlockerCodes)[number];
export interface NamedBlocker {
  code: NamedBlockerCode;
  message: string;
}

/** The statuses from which staff may send an offer (送单, or 改派 while offered). */
const DISPATCHABLE: readonly string[] = ['open', 'offered'];

const reasonText: Record<IneligibleReason, string> = {
  ...ineligibleReasonLabels,
  OUT_OF_REACH: '不在本级工会调度范围内，可升级到上级工会处理',
};

/**
 * Why the named craftsman cannot be offered this order now by a dispatcher reaching `reach`
 * (empty: one action dispatches to them). `craftsman` null: no longer registered.
 * `pendingOfferTo`: the craftsman the pending offer went to, if any.
 */
export function namedBlockers(order: Order, craftsman: Craftsman | null, reach: Reach, pendingOfferTo: string | null): NamedBlocker[] {
  if (!craftsman) return [{ code: 'NOT_FOUND', message: '点名的劳模工匠已不在人才库中' }];
  const out: NamedBlocker[] = [];
  if (order.craftsmanId === craftsman._id) out.push({ code: 'ORDER_NOT_DISPATCHABLE', message: '点名的劳模工匠已承接此需求' });
  else if (!DISPATCHABLE.includes(order.status) || order.craftsmanId !== null) out.push({ code: 'ORDER_NOT_DISPATCHABLE', message: '需求当前不在可派单状态' });
  if (pendingOfferTo === craftsman._id && order.status === 'offered') out.push({ code: 'ALREADY_OFFERED', message: '已派给点名的劳模工匠，正在等待响应' });
  for (const reason of ineligibilities(order, craftsman, reach)) out.push({ code: reason, message: `点名的劳模工匠${reasonText[reason]}` });
  return out;
}

