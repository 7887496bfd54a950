import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, prepareOrder, rankCandidates } from '../../../src/domain/matching/index.js';
import { buildCraftsman, buildOrder, context, segment, taxonomy } from './builders.js';

const SKILLS = ['焊接', '电焊', '压力容器', '管道安装', '无损检测', '电工', 'PLC', '茶叶加工', '马尾绣'];
const REGIONS = ['522701', '522702', '522722', '520102', '510104'];

const craftsmanArb = fc.record({
  skills: fc.uniqueArray(fc.record({ name: fc.constantFrom(...SKILLS), grade: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 3, selector: (s) => s.name }),
  regionCode: fc.constantFrom(...REGIONS),
  honor: fc.constantFrom(null, 'national', 'provincial', 'prefecture', 'county'),
  status: fc.constantFrom('active', 'active', 'active', 'paused'),
  capacity: fc.integer({ min: 1, max: 4 }),
  activeCount: fc.integer({ min: 0, max: 4 }),
  ratings: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 5 }),
  bio: fc.constantFrom('', '擅长储罐焊缝裂纹修复', '茶园管理与炒茶', '配电柜检修'),
  lastAssignedDaysAgo: fc.option(fc.integer({ min: 0, max: 30 })),
});

type CraftsmanSpec = typeof craftsmanArb extends fc.Arbitrary<infer T> ? T : never;

function pool(specs: CraftsmanSpec[]) {
  return specs.map((s, i) =>
    buildCraftsman({
      _id: `c${String(i).padStart(3, '0')}`,
      skills: s.skills,
      regionCode: s.regionCode,
      regionPath: [`${s.regionCode.slice(0, 2)}0000`, `${s.regionCode.slice(0, 4)}00`, s.regionCode],
      honors: s.honor ? [{ title: '劳动模范', level: s.honor as 'national', year: 2020 }] : [],
      status: s.status as 'active',
      capacity: s.capacity,
      activeCount: Math.min(s.activeCount, s.capacity),
      recentRatings: s.ratings,
      ratingCount: s.ratings.length,
      bio: s.bio,
      lastAssignedAt: s.lastAssignedDaysAgo === null ? null : new Date(Date.parse('2026-12-01T00:00:00Z') - s.lastAssignedDaysAgo * 86_400_000).toISOString(),
    }),
  );
}

describe('candidate index', () => {
  it('when ranking through the index, then the result equals the naive full scan (same ids, same order, same totals)', () => {
    fc.assert(
      fc.property(
        fc.array(craftsmanArb, { minLength: 1, maxLength: 60 }),
        fc.record({ skills: fc.subarray(SKILLS, { maxLength: 2 }), regionCode: fc.constantFrom(...REGIONS), remote: fc.boolean(), limit: fc.integer({ min: 1, max: 8 }) }),
        (specs, o) => {
          const index = new CandidateIndex(taxonomy, segment);
          const craftsmen = pool(specs);
          for (const c of craftsmen) index.upsert(c);
          const order = buildOrder({ requiredSkills: o.skills, regionCode: o.regionCode, regionPath: [`${o.regionCode.slice(0, 2)}0000`, `${o.regionCode.slice(0, 4)}00`, o.regionCode], preferredModes: o.remote ? ['remote'] : ['onsite'] });
          const query = prepareOrder(order, taxonomy, segment);
          const ctx = index.contextFor(context());
          const fast = index.rank(query, ctx, { limit: o.limit });
          const naive = rankCandidates(query, index.profiles(), ctx, { limit: o.limit });
          expect(fast.map((c) => [c.craftsmanId, c.total])).toEqual(naive.map((c) => [c.craftsmanId, c.total]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when a craftsman is updated or removed, then the index follows', () => {
    const index = new CandidateIndex(taxonomy, segment);
    index.upsert(buildCraftsman({ _id: 'a', skills: [{ name: '焊接', grade: 2 }] }));
    index.upsert(buildCraftsman({ _id: 'b', skills: [{ name: '茶叶加工', grade: 1 }] }));
    const query = prepareOrder(buildOrder(), taxonomy, segment);
    const ctx = context();
    expect(index.rank(query, ctx, { limit: 1 })[0]?.craftsmanId).toBe('a');

    index.upsert(buildCraftsman({ _id: 'b', skills: [{ name: '电焊', grade: 1 }] }));
    expect(index.rank(query, ctx, { limit: 1 })[0]?.craftsmanId).toBe('b');
    index.upsert(buildCraftsman({ _id: 'b', skills: [{ name: '电焊', grade: 1 }], status: 'suspended' }));
    expect(index.rank(query, ctx, { limit: 5 }).map((c) => c.craftsmanId)).toEqual(['a']);
    index.remove('a');
    expect(index.size).toBe(1);
    expect(index.rank(query, ctx, { limit: 5 })).toEqual([]);
  });

  it('when skill holders fill the top k with high totals, then the other tiers are never opened', () => {
    const index = new CandidateIndex(taxonomy, segment);
    for (let i = 0; i < 5; i++) index.upsert(buildCraftsman({ _id: `w${i}`, skills: [{ name: '焊接', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2015 }], recentRatings: [5, 5, 5], ratingCount: 3 }));
    for (let i = 0; i < 50; i++) index.upsert(buildCraftsman({ _id: `t${i}`, skills: [{ name: '茶叶加工', grade: 1 }] }));
    const { stats } = index.rankWithStats(prepareOrder(buildOrder(), taxonomy, segment), context(), { limit: 3 });
    expect(stats.tiers).toEqual(['skill']);
    expect(stats.considered).toBe(5);
  });

  it('when an order asks two skills, then holders of only one are bounded by what they hold and not looked at', () => {
    const index = new CandidateIndex(taxonomy, segment);
    const strong = { honors: [{ title: '全国劳动模范', level: 'national' as const, year: 2015 }], recentRatings: [5, 5, 5], ratingCount: 3 };
    for (let i = 0; i < 5; i++) index.upsert(buildCraftsman({ _id: `both${i}`, skills: [{ name: '焊接', grade: 1 }, { name: '压力容器', grade: 1 }], ...strong }));
    for (let i = 0; i < 50; i++) index.upsert(buildCraftsman({ _id: `one${i}`, skills: [{ name: '焊接', grade: 1 }] }));
    const query = prepareOrder(buildOrder({ requiredSkills: ['焊接', '压力容器'] }), taxonomy, segment);
    const { candidates, stats } = index.rankWithStats(query, context(), { limit: 3 });
    expect(stats).toEqual({ considered: 5, scored: 5, tiers: ['skill'] });
    expect(candidates.map((c) => c.craftsmanId)).toEqual(rankCandidates(query, index.profiles(), context(), { limit: 3 }).map((c) => c.craftsmanId));
  });

  it('when an order is within reach of another county only, then nobody outside that reach is ranked', () => {
    const index = new CandidateIndex(taxonomy, segment);
    index.upsert(buildCraftsman({ _id: 'here', regionCode: '522701' }));
    index.upsert(buildCraftsman({ _id: 'there', regionCode: '522702' }));
    expect(index.rank(prepareOrder(buildOrder(), taxonomy, segment), context(), { reach: '522702' }).map((c) => c.craftsmanId)).toEqual(['there']);
  });
});
