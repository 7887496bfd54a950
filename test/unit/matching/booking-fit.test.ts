import { describe, expect, it } from 'vitest';
import { BOOKED_SOLID_REASON, demoteBookedSolid, windowsSpan, type RankedCandidate } from '../../../src/domain/matching/index.js';

const candidate = (craftsmanId: string, total: number): RankedCandidate => ({ craftsmanId, name: craftsmanId, total, factors: [], reasons: ['同县', '技能匹配：焊接(二级/技师)'], summary: '同县 · 技能匹配：焊接(二级/技师)', weakFit: false });
const w = (start: string, end: string) => ({ start: `2026-06-03T${start}:00:00.000Z`, end: `2026-06-03T${end}:00:00.000Z` });

describe('booked solid in the preferred windows', () => {
  const ranked = [candidate('a', 90), candidate('b', 70), candidate('c', 50)];

  it('when the best candidate is booked solid, then it moves after every free one, keeps its score, and says why right after the place', () => {
    const out = demoteBookedSolid(ranked, [w('01', '05')], new Map([['a', [w('00', '03'), w('03', '06')]]]));
    expect(out.map((c) => c.craftsmanId)).toEqual(['b', 'c', 'a']);
    expect(out[2]).toMatchObject({ total: 90, reasons: ['同县', BOOKED_SOLID_REASON, '技能匹配：焊接(二级/技师)'], summary: `同县 · ${BOOKED_SOLID_REASON} · 技能匹配：焊接(二级/技师)` });
  });

  it('when a booking leaves an hour free, or the order gives no windows, then nothing moves', () => {
    expect(demoteBookedSolid(ranked, [w('01', '05')], new Map([['a', [w('01', '04')]]])).map((c) => c.craftsmanId)).toEqual(['a', 'b', 'c']);
    expect(demoteBookedSolid(ranked, [], new Map([['a', [w('00', '23')]]]))).toEqual(ranked);
    expect(windowsSpan([w('05', '06'), w('01', '02')])).toEqual({ start: w('01', '02').start, end: w('05', '06').end });
  });
});
