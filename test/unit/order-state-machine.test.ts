import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { orderStatuses, type OrderStatus } from '../../src/domain/orders/order.js';
import { nextStatus, orderActions, type ActingRole, type OrderAction } from '../../src/domain/orders/state-machine.js';

const roles: ActingRole[] = ['admin', 'union_staff', 'enterprise', 'craftsman', 'system'];

/** The lifecycle of DOMAIN.md written out as a table: (action, role, from) → to. Everything else is refused. */
const ALLOWED: Array<[OrderAction, ActingRole[], OrderStatus, OrderStatus]> = [
  ['vet_approve', ['admin', 'union_staff'], 'submitted', 'open'],
  ['vet_reject', ['admin', 'union_staff'], 'submitted', 'rejected'],
  ['offer', ['admin', 'union_staff', 'system'], 'open', 'offered'],
  ['offer', ['admin', 'union_staff', 'system'], 'offered', 'offered'],
  ['accept', ['craftsman'], 'offered', 'in_progress'],
  ['decline', ['craftsman'], 'offered', 'open'],
  ['expire', ['system'], 'offered', 'open'],
  ['claim', ['craftsman'], 'open', 'in_progress'],
  ['record_service', ['craftsman'], 'in_progress', 'in_progress'],
  ['resolve', ['craftsman'], 'in_progress', 'resolved'],
  ['confirm', ['enterprise'], 'resolved', 'closed'],
  ['reopen', ['enterprise'], 'resolved', 'in_progress'],
  ['reopen', ['enterprise'], 'closed', 'in_progress'],
  ...(['submitted', 'open', 'offered'] as const).map((from) => ['cancel', ['enterprise', 'admin', 'union_staff'], from, 'cancelled'] as [OrderAction, ActingRole[], OrderStatus, OrderStatus]),
  ...(['in_progress', 'resolved'] as const).map((from) => ['cancel', ['admin', 'union_staff'], from, 'cancelled'] as [OrderAction, ActingRole[], OrderStatus, OrderStatus]),
];

const mayEver: Record<OrderAction, ActingRole[]> = {
  vet_approve: ['admin', 'union_staff'],
  vet_reject: ['admin', 'union_staff'],
  offer: ['admin', 'union_staff', 'system'],
  accept: ['craftsman'],
  decline: ['craftsman'],
  expire: ['system'],
  claim: ['craftsman'],
  record_service: ['craftsman'],
  resolve: ['craftsman'],
  confirm: ['enterprise'],
  reopen: ['enterprise'],
  cancel: ['enterprise', 'admin', 'union_staff'],
};

function outcome(status: OrderStatus, action: OrderAction, role: ActingRole): string {
  try {
    return `to:${nextStatus(status, action, role)}`;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.kind}:${error.code}`;
  }
}

describe('order state machine, every (state, action, role)', () => {
  const cases = orderStatuses.flatMap((status) => orderActions.flatMap((action) => roles.map((role) => [status, action, role] as const)));

  it.each(cases)('%s + %s by %s', (status, action, role) => {
    const allowed = ALLOWED.find(([a, rs, from]) => a === action && from === status && rs.includes(role));
    const result = outcome(status, action, role);
    if (allowed) expect(result).toBe(`to:${allowed[3]}`);
    else if (!mayEver[action].includes(role)) expect(result).toBe('forbidden:ACTION_NOT_ALLOWED');
    else expect(result).toMatch(/^conflict:(ORDER_NOT_SUBMITTED|ORDER_NOT_OPEN|OFFER_NOT_PENDING|ORDER_NOT_IN_PROGRESS|ORDER_NOT_RESOLVED|ORDER_NOT_CANCELLABLE|ORDER_ALREADY_ACCEPTED)$/);
  });

  it('an enterprise that tries to cancel after acceptance is told why', () => {
    expect(outcome('in_progress', 'cancel', 'enterprise')).toBe('conflict:ORDER_ALREADY_ACCEPTED');
    expect(outcome('closed', 'cancel', 'enterprise')).toBe('conflict:ORDER_NOT_CANCELLABLE');
  });

  it('terminal states accept nothing but reopen of a closed order', () => {
    for (const terminal of ['rejected', 'cancelled'] as const) {
      for (const action of orderActions) for (const role of roles) expect(outcome(terminal, action, role)).not.toMatch(/^to:/);
    }
  });
});
