import { describe, expect, it } from 'vitest';
import { checkDailyHours, checkRecordDate, recordCounts, serviceDayOf, firstCompletion } from '../../src/domain/orders/service-record-rules.js';
import { diffProfile, mergeChanges, splitPatch } from '../../src/domain/profiles/profile-change.js';
import { pointsForConfirmedOrder } from '../../src/domain/reputation/points.js';
import { DEFAULT_REPUTATION_RULES } from '../../src/domain/reputation/rules.js';
import { recordContribution } from '../../src/domain/stats/contributions.js';

const now = '2026-06-10T04:00:00.000Z'; // 12:00 in Beijing
const acceptedAt = '2026-06-05T17:00:00.000Z'; // 01:00 on 06-06 in Beijing

describe('service record rules', () => {
  it('when a record is dated, then it must lie between acceptance and now, date-only values compared by Beijing day', () => {
    expect(checkRecordDate({ date: '2026-06-10', acceptedAt, now })).toBeNull();
    expect(checkRecordDate({ date: '2026-06-06', acceptedAt, now })).toBeNull();
    expect(checkRecordDate({ date: '2026-06-11', acceptedAt, now })?.code).toBe('RECORD_DATE_IN_FUTURE');
    expect(checkRecordDate({ date: '2026-06-05', acceptedAt, now })?.code).toBe('RECORD_DATE_BEFORE_ACCEPTANCE');
    expect(checkRecordDate({ date: '2026-06-10T04:00:01.000Z', acceptedAt, now })?.code).toBe('RECORD_DATE_IN_FUTURE');
    expect(checkRecordDate({ date: '2026-06-05T16:59:59.000Z', acceptedAt, now })?.code).toBe('RECORD_DATE_BEFORE_ACCEPTANCE');
    expect(serviceDayOf('2026-06-05T17:00:00.000Z')).toBe('2026-06-06');
  });

  it('when hours are added to a day, then the total may reach the cap but not pass it', () => {
    expect(checkDailyHours(8, 4)).toEqual({ ok: true });
    expect(checkDailyHours(8, 4.25)).toEqual({ ok: false, remaining: 4 });
    expect(checkDailyHours(12, 0.25)).toEqual({ ok: false, remaining: 0 });
  });

  it('when a record is disputed, then it counts only once the dispute is dismissed, in statistics as in points', () => {
    const base = { regionCode: '522701', kind: 'visit' as const, date: '2026-06-06', hours: 2, attendees: 0, enterpriseId: 'e', craftsmanId: 'c' };
    for (const [dispute, counts] of [[null, true], [{ status: 'open' }, false], [{ status: 'upheld' }, false], [{ status: 'dismissed' }, true]] as const) {
      const record = { ...base, dispute: dispute ? { ...dispute, reason: 'r', raisedBy: 'u', raisedAt: now } : null };
      expect(recordCounts(record)).toBe(counts);
      expect(Object.keys(recordContribution(record)).length > 0).toBe(counts);
    }
    const held = pointsForConfirmedOrder({ visits: 2, hours: 3, rating: 5, disputesPending: 1 }, DEFAULT_REPUTATION_RULES.points);
    expect(held.map((l) => l.rule)).toEqual(['solved', 'high_rating']);
    const released = pointsForConfirmedOrder({ visits: 2, hours: 3, rating: 5, disputesPending: 0 }, DEFAULT_REPUTATION_RULES.points);
    expect(released.map((l) => l.rule)).toEqual(['visit', 'hours', 'solved', 'high_rating']);
  });

  it('when an order closes again after a reopen, then it is not a new completion', () => {
    expect(firstCompletion({ firstClosedAt: null })).toBe(true);
    expect(firstCompletion({ firstClosedAt: now })).toBe(false);
  });
});

describe('profile fields', () => {
  it('when a craftsman patches its profile, then its own fields apply and the union’s are proposed with the difference', () => {
    const { direct, proposed } = splitPatch('craftsman', { bio: 'b', phone: '13900000000', capacity: 9, regionCode: '522702' });
    expect(direct).toEqual({ bio: 'b', phone: '13900000000' });
    expect(proposed).toEqual({ capacity: 9, regionCode: '522702' });
    expect(diffProfile({ capacity: 9, regionCode: '522701' }, proposed)).toEqual({ regionCode: { from: '522701', to: '522702' } });
    expect(splitPatch('enterprise', { name: 'n', address: 'a' })).toEqual({ direct: { address: 'a' }, proposed: { name: 'n' } });
  });

  it('when a pending proposal is proposed again, then the first old value stays and the latest new value wins', () => {
    expect(mergeChanges({ capacity: { from: 3, to: 9 } }, { capacity: { from: 3, to: 5 }, studio: { from: null, to: 's' } })).toEqual({ capacity: { from: 3, to: 5 }, studio: { from: null, to: 's' } });
  });
});
