import { AppError } from '../../errors.js';
import type { ActorKind } from '../users/user.js';
import type { OrderStatus } from './order.js';

/** Everything that can happen to an order. */
export const orderActions = ['vet_approve', 'vet_reject', 'offer', 'accept', 'decline', 'expire', 'claim', 'record_service', 'resolve', 'confirm', 'reopen', 'cancel'] as const;
export type OrderAction = (typeof orderActions)[number];

/** `system` is the engine itself (timers, auto-dispatch); `anonymous` is never granted a transition. */
export type ActingRole = ActorKind;

interface Rule {
  roles: readonly ActingRole[];
  /** From each allowed state, the state it leads to. */
  from: Partial<Record<OrderStatus, OrderStatus>>;
  /** The conflict code when the order is in another state. */
  wrongState: string;
  wrongStateMessage: string;
}

const STAFF = ['union_staff', 'admin'] as const;

/**
 * The request lifecycle of DOMAIN.md. Re-dispatch is an `offer` while `offered` (the pending offer is
 * withdrawn); recording service keeps the state.
 */
export const ORDER_RULES: Record<OrderAction, Rule> = {
  vet_approve: { roles: STAFF, from: { submitted: 'open' }, wrongState: 'ORDER_NOT_SUBMITTED', wrongStateMessage: '只有待审核的需求可以审核' },
  vet_reject: { roles: STAFF, from: { submitted: 'rejected' }, wrongState: 'ORDER_NOT_SUBMITTED', wrongStateMessage: '只有待审核的需求可以审核' },
  offer: { roles: [...STAFF, 'system'], from: { open: 'offered', offered: 'offered' }, wrongState: 'ORDER_NOT_OPEN', wrongStateMessage: '需求当前不在待派单状态，不能送单' },
  accept: { roles: ['craftsman'], from: { offered: 'in_progress' }, wrongState: 'OFFER_NOT_PENDING', wrongStateMessage: '该派单已失效或已处理' },
  decline: { roles: ['craftsman'], from: { offered: 'open' }, wrongState: 'OFFER_NOT_PENDING', wrongStateMessage: '该派单已失效或已处理' },
  expire: { roles: ['system'], from: { offered: 'open' }, wrongState: 'OFFER_NOT_PENDING', wrongStateMessage: '该派单已失效或已处理' },
  claim: { roles: ['craftsman'], from: { open: 'in_progress' }, wrongState: 'ORDER_NOT_OPEN', wrongStateMessage: '该需求已被他人承接或不在待派单状态' },
  record_service: { roles: ['craftsman'], from: { in_progress: 'in_progress' }, wrongState: 'ORDER_NOT_IN_PROGRESS', wrongStateMessage: '只有服务中的需求可以登记服务记录' },
  resolve: { roles: ['craftsman'], from: { in_progress: 'resolved' }, wrongState: 'ORDER_NOT_IN_PROGRESS', wrongStateMessage: '只有服务中的需求可以提交解决' },
  confirm: { roles: ['enterprise'], from: { resolved: 'closed' }, wrongState: 'ORDER_NOT_RESOLVED', wrongStateMessage: '只有待确认的需求可以确认评价' },
  reopen: { roles: ['enterprise'], from: { resolved: 'in_progress', closed: 'in_progress' }, wrongState: 'ORDER_NOT_RESOLVED', wrongStateMessage: '只有已解决的需求可以重新打开' },
  cancel: { roles: ['enterprise', ...STAFF], from: { submitted: 'cancelled', open: 'cancelled', offered: 'cancelled', in_progress: 'cancelled', resolved: 'cancelled' }, wrongState: 'ORDER_NOT_CANCELLABLE', wrongStateMessage: '该需求已结束，不能取消' },
};

/** States an enterprise may still cancel from (before a craftsman accepted). */
const ENTERPRISE_CANCELLABLE: readonly OrderStatus[] = ['submitted', 'open', 'offered'];

/**
 * The state `action` by `role` leads to from `status`, or the refusal: 403 ACTION_NOT_ALLOWED when
 * the role may never do it, 409 with the action's code when the order is in the wrong state.
 */
export function nextStatus(status: OrderStatus, action: OrderAction, role: ActingRole): OrderStatus {
  const rule = ORDER_RULES[action];
  if (!rule.roles.includes(role)) {
    throw new AppError({ kind: 'forbidden', code: 'ACTION_NOT_ALLOWED', message: '当前角色无权执行此操作', details: { action, role } });
  }
  const to = rule.from[status];
  const enterpriseTooLate = action === 'cancel' && role === 'enterprise' && !ENTERPRISE_CANCELLABLE.includes(status);
  if (!to || enterpriseTooLate) {
    const code = enterpriseTooLate && to ? 'ORDER_ALREADY_ACCEPTED' : rule.wrongState;
    const message = enterpriseTooLate && to ? '劳模工匠已接单，企业不能再取消，请联系工会' : rule.wrongStateMessage;
    throw new AppError({ kind: 'conflict', code, message, details: { status, action } });
  }
  return to;
}

/** Whether the role could ever perform the action (for hiding buttons and documenting). */
export const roleMay = (action: OrderAction, role: ActingRole) => ORDER_RULES[action].roles.includes(role);
