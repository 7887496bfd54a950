import { describe, expect, it } from 'vitest';
import { personVisitKey, personVisitKeys, visitContribution } from '../../../src/domain/stats/contributions.js';
import type { ServiceRecord } from '../../../src/domain/orders/order.js';

const record = (overrides: Partial<ServiceRecord> = {}): ServiceRecord => ({
  _id: 'rec_1',
  orderId: 'ord_1',
  craftsmanId: 'cra_lead',
  enterpriseId: 'ent_1',
  regionCode: '522701',
  regionPath: ['520000', '522700', '522701'],
  kind: 'visit',
  date: '2026-03-15T09:00:00+08:00',
  hours: 2,
  attendees: 0,
  summary: '现场指导',
  createdAt: '2026-03-15T12:00:00+08:00',
  ...overrides,
});

describe('人次: one craftsman taking part for one order on one Beijing day', () => {
  it('when a craftsman records twice for one order on one day, then it is one person-visit', () => {
    const key = personVisitKey('ord_1', 'cra_lead', '2026-03-15');
    const out = visitContribution(key, [record(), record({ _id: 'rec_2', date: '2026-03-15T16:00:00+08:00', kind: 'training' })]);
    expect(Object.values(out)).toEqual([expect.objectContaining({ day: '2026-03-15', n: { visits: 1 }, cra: { cra_lead: 1 } })]);
  });

  it('when a record falls after 16:00 UTC, then it counts on the next Beijing day', () => {
    expect(personVisitKeys(record({ date: '2026-03-15T17:00:00Z' }))).toEqual(['ord_1|cra_lead|2026-03-16']);
  });

  it('when a team of three takes part, then each member has their own person-visit, the lead once', () => {
    const team = record({ participantIds: ['cra_a', 'cra_b', 'cra_lead'] });
    expect(personVisitKeys(team)).toEqual(['ord_1|cra_lead|2026-03-15', 'ord_1|cra_a|2026-03-15', 'ord_1|cra_b|2026-03-15']);
    expect(Object.values(visitContribution('ord_1|cra_b|2026-03-15', [team]))[0]).toMatchObject({ n: { visits: 1 }, cra: { cra_b: 1 } });
  });

  it('when the only record of the day is disputed, then nobody has a person-visit that day until it is dismissed', () => {
    const disputed = record({ dispute: { status: 'open' } as ServiceRecord['dispute'] });
    expect(visitContribution('ord_1|cra_lead|2026-03-15', [disputed])).toEqual({});
    const dismissed = record({ dispute: { status: 'dismissed' } as ServiceRecord['dispute'] });
    expect(Object.keys(visitContribution('ord_1|cra_lead|2026-03-15', [disputed, dismissed]))).toHaveLength(1);
  });
});
