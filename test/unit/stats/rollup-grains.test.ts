import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketsOf, latencyKey, recordContribution, rollupShares } from '../../../src/domain/stats/contributions.js';
import { latency } from '../../../src/domain/stats/figures.js';
import { daysIn, rangePieces, rangeSpans, type DayRange } from '../../../src/domain/stats/period.js';

const lastOfMonth = (first: string) => new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Every day a set of pieces covers, in order. */
function coveredDays(range: DayRange, coarsest: 'day' | 'month' | 'year') {
  const pieces = rangePieces(range, coarsest);
  const days = [
    ...pieces.years.flatMap((first) => daysIn({ from: first, to: `${first.slice(0, 4)}-12-31` })),
    ...pieces.months.flatMap((first) => daysIn({ from: first, to: lastOfMonth(first) })),
    ...pieces.days.flatMap((run) => daysIn(run)),
  ];
  return { pieces, days: days.sort() };
}

const dayArb = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('rollup grains', () => {
  it('when a range is cut into years, months and days, then every day of it is covered exactly once and nothing outside it', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.constantFrom('day', 'month', 'year') as fc.Arbitrary<'day' | 'month' | 'year'>, (a, b, coarsest) => {
        const range = a <= b ? { from: a, to: b } : { from: b, to: a };
        const { pieces, days } = coveredDays(range, coarsest);
        expect(days).toEqual(daysIn(range));
        if (coarsest !== 'year') expect(pieces.years).toEqual([]);
        if (coarsest === 'day') expect(pieces.months).toEqual([]);
        expect(pieces.days.length).toBeLessThanOrEqual(coarsest === 'day' ? 1 : 2);
      }),
    );
  });

  it('when a whole year is asked, then it is one year bucket; from 10 February to 20 November, 19 days, 8 months and 20 days', () => {
    expect(rangePieces({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ years: ['2025-01-01'], months: [], days: [] });
    const ragged = rangePieces({ from: '2025-02-10', to: '2025-11-20' });
    expect(ragged.days).toEqual([{ from: '2025-02-10', to: '2025-02-28' }, { from: '2025-11-01', to: '2025-11-20' }]);
    expect(ragged.months).toHaveLength(8);
    expect(rangePieces({ from: '2024-02-01', to: '2024-02-29' }, 'month').months).toEqual(['2024-02-01']);
    expect(rangeSpans({ from: '2024-12-30', to: '2026-02-01' })).toEqual(['2025', '2026-01', '2024-12-30', '2024-12-31', '2026-02-01']);
  });

  it('when a source counts on a day, then the same share counts in its month and its year', () => {
    const share = recordContribution({ regionCode: '522701', kind: 'training', date: '2025-03-15T20:00:00Z', hours: 2.5, attendees: 12, enterpriseId: 'ent_1', craftsmanId: 'cra_1' });
    const shares = rollupShares(share);
    expect(Object.keys(shares).sort()).toEqual(['522701:2025', '522701:2025-03', '522701:2025-03-16']);
    expect(shares['522701:2025-03']).toMatchObject({ grain: 'month', span: '2025-03', day: '2025-03-01', n: { kind_training: 1, hours100: 250, trainingAttendees: 12 }, ent: { ent_1: 1 } });
    expect(shares['522701:2025']).toMatchObject({ grain: 'year', day: '2025-01-01' });
    const buckets = bucketsOf([share, share], ['day', 'month', 'year']);
    expect(buckets.get('522701:2025')?.n.kind_training).toBe(2);
  });

  it('when latencies are kept as a histogram of tenths of a minute, then median and p90 equal those of the sorted values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 300 }), (tenths) => {
        const values = tenths.map((t) => t / 10);
        const histogram = new Map<string, number>();
        for (const v of values) histogram.set(latencyKey(v), (histogram.get(latencyKey(v)) ?? 0) + 1);
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
        expect(latency(histogram)).toEqual({ count: values.length, medianMinutes: Math.round(median * 10) / 10, p90Minutes: sorted[Math.ceil(0.9 * sorted.length) - 1] });
      }),
    );
  });
});
