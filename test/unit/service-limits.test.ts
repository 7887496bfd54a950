import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_LIMITS, deadlinesFrom, dueLimitTimers, limitStatus, pendingLimitTimers, type LimitFacts } from '../../src/domain/orders/service-limits.js';

const accepted = '2026-06-01T00:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(accepted) + hours * 3_600_000).toISOString();
const order = (overrides: Partial<LimitFacts> = {}): LimitFacts => ({
  status: 'in_progress',
  resolvedAt: null,
  serviceDeadlines: deadlinesFrom(accepted, { urgency: 'high', category: 'equipment_repair' }, DEFAULT_SERVICE_LIMITS),
  firstContactAt: null,
  limitsFired: [],
  ...overrides,
});

describe('服务时限 rules', () => {
  it('when a high-urgency repair is accepted, then first contact is due in 24 h (reminder at 18 h) and resolution in 7 days', () => {
    expect(order().serviceDeadlines).toEqual({ firstContactDueAt: at(24), firstContactRemindAt: at(18), resolutionDueAt: at(168), resolutionRemindAt: at(126) });
  });

  it('when time passes, then the reminder is due between its time and the deadline, the escalation after it, each only until fired', () => {
    expect(dueLimitTimers(order(), at(17.9))).toEqual([]);
    expect(dueLimitTimers(order(), at(18))).toEqual(['first_contact.reminder']);
    expect(dueLimitTimers(order({ limitsFired: ['first_contact.reminder'] }), at(20))).toEqual([]);
    // Past the deadline a reminder never fired is not sent late: only the escalation.
    expect(dueLimitTimers(order(), at(24))).toEqual(['first_contact.escalation']);
    expect(dueLimitTimers(order({ limitsFired: ['first_contact.escalation'] }), at(30))).toEqual([]);
  });

  it('when a milestone is met or the order leaves service, then its timers never go off', () => {
    expect(dueLimitTimers(order({ firstContactAt: at(1) }), at(200))).toEqual(['resolution.escalation']);
    expect(dueLimitTimers(order({ firstContactAt: at(1), resolvedAt: at(100), status: 'resolved' }), at(200))).toEqual([]);
    expect(dueLimitTimers(order({ status: 'cancelled' }), at(200))).toEqual([]);
    expect(dueLimitTimers(order({ serviceDeadlines: null }), at(200))).toEqual([]);
    expect(pendingLimitTimers(order({ firstContactAt: at(1) }), at(2)).map((p) => p.timer)).toEqual(['resolution.reminder', 'resolution.escalation']);
  });

  it('when a deadline has passed unmet, then it reads overdue; met, never', () => {
    expect(limitStatus(order(), at(25))?.first_contact).toEqual({ dueAt: at(24), met: false, overdue: true });
    expect(limitStatus(order({ firstContactAt: at(30) }), at(31))?.first_contact.overdue).toBe(false);
  });
});
