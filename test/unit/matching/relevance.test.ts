import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, explainCandidate, mergePolicy, prepareCraftsman, prepareOrder, prepareQuery, rankCandidates, type MatchContext } from '../../../src/domain/matching/index.js';
import type { Craftsman } from '../../../src/domain/craftsmen/craftsman.js';
import type { Order } from '../../../src/domain/orders/order.js';
import { buildCraftsman, buildOrder, context, segment, taxonomy } from './builders.js';

const REGIONS = ['522701', '522702', '522722', '520102', '510104'];
const path = (code: string) => [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];

function explain(craftsman: Craftsman, order: Order, ctx: MatchContext = context()) {
  const query = prepareOrder(order, taxonomy, segment);
  return explainCandidate(prepareQuery(query, ctx), prepareCraftsman(craftsman, taxonomy, segment), ctx);
}

// Whatever sets a candidate apart except fit: place, honours, ratings, load, recent work.
const standingArb = fc.record({
  regionCode: fc.constantFrom(...REGIONS),
  honor: fc.constantFrom(null, 'national', 'provincial', 'prefecture', 'county'),
  ratings: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 10 }),
  capacity: fc.integer({ min: 1, max: 5 }),
  busy: fc.integer({ min: 0, max: 4 }),
  lastAssignedDaysAgo: fc.option(fc.integer({ min: 0, max: 30 })),
});
type Standing = typeof standingArb extends fc.Arbitrary<infer T> ? T : never;

type Fit = { skills: Craftsman['skills']; bio: string };
// Fit evidence the taxonomy vouches for (the skill, a synonym, a related skill): always evidence.
const TAXONOMY_FIT: Fit[] = [
  { skills: [{ name: '焊接', grade: 5 }], bio: '' },
  { skills: [{ name: '电焊', grade: 4 }], bio: '' },
  { skills: [{ name: '管道安装', grade: 5 }], bio: '' },
];
// Evidence by words (a similar skill name, a bio naming the work): evidence or not by how rare the shared words are in the pool.
const WORD_FIT: Fit[] = [
  { skills: [{ name: '储罐焊缝修补', grade: 5 }], bio: '' },
  { skills: [{ name: '茶叶加工', grade: 5 }], bio: '储罐焊缝开裂、储罐焊缝出现裂纹都能上门处理' },
];
// Other work entirely: never evidence.
const UNRELATED: Fit[] = [
  { skills: [{ name: '茶叶加工', grade: 1 }], bio: '' },
  { skills: [{ name: '马尾绣', grade: 1 }], bio: '刺绣图案设计' },
  { skills: [{ name: 'PLC编程', grade: 1 }, { name: '电工', grade: 1 }], bio: '配电柜检修与自动化改造' },
];
const kinds = { taxonomy: TAXONOMY_FIT, words: WORD_FIT, unrelated: UNRELATED };
const fitArb = fc.tuple(fc.constantFrom('taxonomy', 'words', 'unrelated') as fc.Arbitrary<keyof typeof kinds>, fc.nat()).map(([kind, n]) => ({ kind, fit: kinds[kind][n % kinds[kind].length]! }));

function craftsman(id: string, standing: Standing, fit: Fit) {
  const capacity = standing.capacity;
  return buildCraftsman({
    _id: id,
    ...fit,
    regionCode: standing.regionCode,
    regionPath: path(standing.regionCode),
    honors: standing.honor ? [{ title: '全国劳动模范', level: standing.honor as 'national', year: 2020 }] : [],
    recentRatings: standing.ratings,
    ratingCount: standing.ratings.length,
    capacity,
    activeCount: Math.min(standing.busy, capacity - 1),
    lastAssignedAt: standing.lastAssignedDaysAgo === null ? null : new Date(Date.parse('2026-12-01T00:00:00Z') - standing.lastAssignedDaysAgo * 86_400_000).toISOString(),
  });
}

describe('relevance before reputation', () => {
  it('when a candidate has no fit evidence, then it never ranks above one with evidence, whatever honours, region, rating and weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(standingArb, fitArb), { minLength: 2, maxLength: 14 }),
        fc.constantFrom(...REGIONS),
        fc.record({ honor: fc.integer({ min: 0, max: 10 }), region: fc.integer({ min: 0, max: 10 }), rating: fc.integer({ min: 0, max: 10 }), text: fc.integer({ min: 1, max: 10 }) }),
        (specs, orderRegion, weights) => {
          const pool = specs.map(([standing, { kind, fit }], i) => craftsman(`${kind}${String(i).padStart(2, '0')}`, standing, fit));
          const order = buildOrder({ regionCode: orderRegion, regionPath: path(orderRegion), preferredModes: ['onsite'] });
          const query = prepareOrder(order, taxonomy, segment);
          const index = new CandidateIndex(taxonomy, segment);
          for (const c of pool) index.upsert(c);
          const ctx = index.contextFor(context({ policy: mergePolicy([{ weights }]) }));
          for (const ranked of [index.rank(query, ctx, { limit: pool.length }), rankCandidates(query, index.profiles(), ctx, { limit: pool.length })]) {
            expect(ranked).toHaveLength(pool.length);
            const firstWeak = ranked.findIndex((c) => c.weakFit);
            // Everyone with evidence comes before everyone without, and totals agree with that order.
            if (firstWeak >= 0) expect(ranked.slice(firstWeak).every((c) => c.weakFit)).toBe(true);
            for (const c of ranked) {
              if (c.craftsmanId.startsWith('taxonomy')) expect(c.weakFit).toBe(false);
              if (c.craftsmanId.startsWith('unrelated')) expect(c.weakFit).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when the order names a skill the taxonomy does not know, then a specialist whose skill name shares its key word outranks a national model worker of other work', () => {
    const order = buildOrder({ title: '古建筑彩绘修复', description: '寺庙梁枋彩绘褪色剥落，需要懂古建彩绘的师傅现场修复', requiredSkills: ['古建筑彩绘'] });
    const index = new CandidateIndex(taxonomy, segment);
    const famous = buildCraftsman({ _id: 'famous', skills: [{ name: '焊接', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2015 }], recentRatings: [5, 5, 5, 5, 5], ratingCount: 5, bio: '压力容器焊接' });
    const specialist = buildCraftsman({ _id: 'specialist', regionCode: '522702', skills: [{ name: '古建彩绘', grade: 3 }], bio: '从事古建彩绘与梁枋修复二十年' });
    index.upsert(famous);
    index.upsert(specialist);
    for (let i = 0; i < 20; i++) index.upsert(buildCraftsman({ _id: `w${i}`, skills: [{ name: i % 2 ? '焊接' : '电工', grade: 3 }], bio: '设备维修' }));
    const ranked = index.rank(prepareOrder(order, taxonomy, segment), index.contextFor(context()), { limit: 30 });
    const ids = ranked.map((c) => c.craftsmanId);
    expect(ids[0]).toBe('specialist');
    expect(ranked[0]!.summary).toContain('技能相近：古建彩绘(三级/高级工)');
    expect(ids.indexOf('famous')).toBeGreaterThan(0);
    expect(ranked.find((c) => c.craftsmanId === 'famous')!.reasons).toContain('与需求关联弱');
  });

  it('when a candidate has no fit evidence, then the explanation says 与需求关联弱 and the contributions still sum to the total', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '茶叶加工', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2015 }] }), buildOrder());
    expect(c.weakFit).toBe(true);
    expect(c.reasons.slice(0, 2)).toEqual(['同县', '与需求关联弱']);
    expect(c.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(c.total, 1);
    expect(c.total).toBeLessThan(1);
  });

  it('when the bio names most of the order words but no skill matches, then the text is evidence and the candidate is not held down', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '茶叶加工', grade: 1 }], bio: '储罐焊缝开裂 裂纹 上门处理' }), buildOrder());
    expect(c.weakFit).toBe(false);
    expect(c.reasons).not.toContain('与需求关联弱');
  });

  it('when skill names only share a common word, then they are not similar', () => {
    const index = new CandidateIndex(taxonomy, segment);
    for (let i = 0; i < 30; i++) index.upsert(buildCraftsman({ _id: `m${i}`, skills: [{ name: i % 3 ? '设备维修' : '汽车维修', grade: 2 }] }));
    const order = buildOrder({ title: '空调维修', description: '中央空调不制冷', requiredSkills: ['空调维修'] });
    const ranked = index.rank(prepareOrder(order, taxonomy, segment), index.contextFor(context()), { limit: 5 });
    expect(ranked.every((c) => c.weakFit)).toBe(true);
  });
});

describe('what an order asks for', () => {
  it('when an order lists no skill, then the skills its title names are asked and those only in the description are not', () => {
    const query = prepareOrder(buildOrder({ requiredSkills: [], title: '焊缝开裂需电焊师傅', description: '涉及无损检测环节' }), taxonomy, segment);
    expect(query.skills).toEqual(['焊接']);
    const untitled = prepareOrder(buildOrder({ requiredSkills: [], title: '急需师傅', description: '涉及无损检测环节' }), taxonomy, segment);
    expect(untitled.skills).toEqual(['无损检测']);
  });
});
