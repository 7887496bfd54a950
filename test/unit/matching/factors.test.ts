import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MATCHING_POLICY,
  explainCandidate,
  ineligibility,
  mergePolicy,
  prepareCraftsman,
  prepareOrder,
  prepareQuery,
  rankCandidates,
  shrunkRating,
  type MatchContext,
  type MatchFactor,
} from '../../../src/domain/matching/index.js';
import type { Craftsman } from '../../../src/domain/craftsmen/craftsman.js';
import type { Order } from '../../../src/domain/orders/order.js';
import { buildCraftsman, buildOrder, context, NOW, segment, taxonomy } from './builders.js';

function explain(craftsman: Craftsman, order: Order = buildOrder(), ctx: MatchContext = context()) {
  const query = prepareOrder(order, taxonomy, segment);
  return explainCandidate(prepareQuery(query, ctx), prepareCraftsman(craftsman, taxonomy, segment), ctx);
}
const value = (c: ReturnType<typeof explain>, f: MatchFactor) => c.factors.find((x) => x.factor === f)!.value;
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('hard filters', () => {
  const order = buildOrder({ preferredModes: ['onsite'], excludedCraftsmanIds: ['declined'] });
  it.each([
    ['a paused craftsman', buildCraftsman({ status: 'paused' }), 'NOT_ACTIVE'],
    ['a craftsman at capacity', buildCraftsman({ capacity: 2, activeCount: 2 }), 'NO_FREE_CAPACITY'],
    ['a remote-only craftsman for an on-site order', buildCraftsman({ serviceModes: ['remote'] }), 'NO_SHARED_SERVICE_MODE'],
    ['a craftsman who declined this order', buildCraftsman({ _id: 'declined' }), 'EXCLUDED_ON_ORDER'],
  ])('when %s, then they are filtered out', (_, craftsman, reason) => {
    expect(ineligibility(order, craftsman)).toBe(reason);
  });

  it('when the dispatcher reaches only another county, then the craftsman is out of reach', () => {
    expect(ineligibility(order, buildCraftsman({ regionCode: '522702' }), '522701')).toBe('OUT_OF_REACH');
    expect(ineligibility(order, buildCraftsman({ regionCode: '522702' }), '522700')).toBeNull();
    expect(ineligibility(order, buildCraftsman(), (c) => c.regionCode === '522701')).toBeNull();
  });
});

describe('factors', () => {
  it('when the craftsman holds the asked skill under a synonym, then skill counts in full; a related skill counts partly', () => {
    expect(value(explain(buildCraftsman({ skills: [{ name: '电焊', grade: 3 }] })), 'skill')).toBe(1);
    expect(value(explain(buildCraftsman({ skills: [{ name: '管工', grade: 1 }] })), 'skill')).toBe(0.4);
    expect(value(explain(buildCraftsman({ skills: [{ name: '茶叶加工', grade: 1 }] })), 'skill')).toBe(0);
  });

  it('when grades differ, then 一级/高级技师 beats 五级/初级工', () => {
    expect(value(explain(buildCraftsman({ skills: [{ name: '焊接', grade: 1 }] })), 'grade')).toBe(1);
    expect(value(explain(buildCraftsman({ skills: [{ name: '焊接', grade: 5 }] })), 'grade')).toBe(0.2);
  });

  it('when the profile shares the order words, then text relevance rises', () => {
    const plain = explain(buildCraftsman({ bio: '' }));
    const relevant = explain(buildCraftsman({ bio: '擅长储罐焊缝裂纹修复' }));
    expect(value(relevant, 'text')).toBeGreaterThan(value(plain, 'text'));
  });

  it('when the craftsman is nearer, then region is higher: county > prefecture > province > elsewhere', () => {
    const at = (regionCode: string) => value(explain(buildCraftsman({ regionCode })), 'region');
    expect([at('522701'), at('522702'), at('520102'), at('510104')]).toEqual([1, 0.67, 0.33, 0]);
  });

  it('when honours differ, then national > provincial > prefecture > county > none', () => {
    const withHonor = (level: 'national' | 'provincial' | 'prefecture' | 'county') => value(explain(buildCraftsman({ honors: [{ title: 'x', level, year: 2020 }] })), 'honor');
    expect([withHonor('national'), withHonor('provincial'), withHonor('prefecture'), withHonor('county'), value(explain(buildCraftsman()), 'honor')]).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });

  it('when a craftsman has one 5-star rating, then it is shrunk toward the prior mean; many 5s approach 5', () => {
    const policy = DEFAULT_MATCHING_POLICY;
    expect(shrunkRating(5, 1, policy)).toBeCloseTo((5 * 4 + 5) / 6);
    expect(shrunkRating(0, 0, policy)).toBe(4);
    expect(shrunkRating(5 * 100, 100, policy)).toBeGreaterThan(4.9);
    const one = value(explain(buildCraftsman({ recentRatings: [5], ratingCount: 1 })), 'rating');
    const many = value(explain(buildCraftsman({ recentRatings: Array(10).fill(5), ratingCount: 10 })), 'rating');
    expect(many).toBeGreaterThan(one);
  });

  it('when the craftsman completed similar orders, then experience rises with diminishing returns', () => {
    const exp = (n: number) => value(explain(buildCraftsman(), buildOrder(), context({ similarCompleted: () => n })), 'experience');
    expect(exp(0)).toBe(0);
    expect(exp(3)).toBe(0.5);
    expect(exp(30) - exp(27)).toBeLessThan(exp(3) - exp(0));
  });

  it('when the craftsman is busier, then load is lower', () => {
    expect(value(explain(buildCraftsman({ capacity: 4, activeCount: 0 })), 'load')).toBe(1);
    expect(value(explain(buildCraftsman({ capacity: 4, activeCount: 3 })), 'load')).toBe(0.25);
  });

  it('when the craftsman got work recently, then recency is lower until the window has passed', () => {
    expect(value(explain(buildCraftsman({ lastAssignedAt: null })), 'recency')).toBe(1);
    expect(value(explain(buildCraftsman({ lastAssignedAt: daysAgo(7) })), 'recency')).toBe(0.5);
    expect(value(explain(buildCraftsman({ lastAssignedAt: daysAgo(30) })), 'recency')).toBe(1);
  });

  it('when a factor weighs 0, then it contributes nothing and the contributions sum to the total', () => {
    const ctx = context({ policy: mergePolicy([{ weights: { honor: 0 } }]) });
    const c = explain(buildCraftsman({ honors: [{ title: '全国劳动模范', level: 'national', year: 2015 }] }), buildOrder(), ctx);
    expect(c.factors.find((f) => f.factor === 'honor')!.contribution).toBe(0);
    expect(c.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(c.total, 1);
    expect(c.total).toBeGreaterThan(0);
    expect(c.total).toBeLessThanOrEqual(100);
  });
});

describe('explanations', () => {
  it('when a national model worker in the same county holds the skill, then the summary says so in zh-CN', () => {
    const c = explain(
      buildCraftsman({
        skills: [{ name: '焊接', grade: 2 }, { name: '压力容器', grade: 3 }],
        honors: [{ title: '全国劳动模范', level: 'national', year: 2015 }],
        activeCount: 1,
        capacity: 3,
      }),
      buildOrder({ requiredSkills: ['电焊', '压力容器'] }),
    );
    expect(c.summary).toBe('同县 · 技能匹配：焊接(二级/技师)、压力容器(三级/高级工) · 全国劳动模范 · 当前任务 1/3');
    expect(c.reasons.join(' · ')).toBe(c.summary);
    expect(c.factors.map((f) => f.label)).toContain('技能匹配');
  });

  it('when only a related skill, ratings and recent work apply, then each is said', () => {
    const c = explain(buildCraftsman({ regionCode: '522702', skills: [{ name: '管道安装', grade: 1 }], recentRatings: [5, 4, 5], ratingCount: 3, lastAssignedAt: daysAgo(2) }), buildOrder(), context({ similarCompleted: () => 2 }));
    expect(c.reasons[0]).toBe('同州（市）');
    expect(c.summary).toContain('相关技能：管道安装(一级/高级技师)');
    expect(c.summary).toMatch(/评分 4\.\d（3 次）/);
    expect(c.summary).toContain('同类需求完成 2 单');
    expect(c.summary).toContain('2 天前派过单');
  });

  it('when the skill matching one asked skill is also related to another, then it is named once, as a match', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '焊接', grade: 1 }] }), buildOrder({ requiredSkills: ['焊接', '压力容器'] }));
    expect(c.summary).toBe('同县 · 技能匹配：焊接(一级/高级技师) · 当前任务 0/3');
    expect(value(c, 'skill')).toBe(0.7);
  });

  it('when one related skill covers two asked skills, then it is named once', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '压力容器', grade: 3 }] }), buildOrder({ requiredSkills: ['焊接', '无损检测'] }));
    expect(c.summary).toBe('同县 · 相关技能：压力容器(三级/高级工) · 当前任务 0/3');
  });

  it('when the skill is held under a synonym and the order names it canonically, then the description words do not repeat it', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '电焊', grade: 2 }] }));
    expect(c.summary).toBe('同县 · 技能匹配：电焊(二级/技师) · 当前任务 0/3');
  });

  it('when a skill matches and the bio shares other order words, then each fact is said once and nothing contradicts', () => {
    const c = explain(buildCraftsman({ skills: [{ name: '焊接', grade: 2 }, { name: '压力容器', grade: 1 }], bio: '修复储罐 裂纹' }), buildOrder({ requiredSkills: ['焊接', '压力容器'] }));
    expect(c.summary).toBe('同县 · 技能匹配：焊接(二级/技师)、压力容器(一级/高级技师) · 描述相关：储罐、裂纹 · 当前任务 0/3');
  });

  it('when nobody holds the skill, then the reasons say there is no matching skill', () => {
    expect(explain(buildCraftsman({ skills: [{ name: '茶叶加工', grade: 1 }] })).reasons).toContain('无对口技能');
  });
});

describe('ranking one order', () => {
  it('when ranking, then filtered craftsmen are absent and the best fit comes first with stable ties', () => {
    const profiles = [
      buildCraftsman({ _id: 'far', regionCode: '510104' }),
      buildCraftsman({ _id: 'best', skills: [{ name: '焊接', grade: 1 }] }),
      buildCraftsman({ _id: 'paused', status: 'paused', skills: [{ name: '焊接', grade: 1 }] }),
      buildCraftsman({ _id: 'twinB' }),
      buildCraftsman({ _id: 'twinA' }),
    ].map((c) => prepareCraftsman(c, taxonomy, segment));
    const ranked = rankCandidates(prepareOrder(buildOrder(), taxonomy, segment), profiles, context(), { limit: 10 });
    expect(ranked.map((r) => r.craftsmanId)).toEqual(['best', 'twinA', 'twinB', 'far']);
  });
});
