import type { Craftsman } from '../../../src/domain/craftsmen/craftsman.js';
import { buildSkillTaxonomy, DEFAULT_MATCHING_POLICY, type MatchContext } from '../../../src/domain/matching/index.js';
import { untouchedLifecycle, type Order } from '../../../src/domain/orders/order.js';
import { regionPath } from '../../../src/domain/regions/region.js';

export const NOW = Date.parse('2026-12-01T09:00:00+08:00');

export const taxonomy = buildSkillTaxonomy({
  skills: [
    { name: '焊接', synonyms: ['电焊', '气焊', '焊工'], related: ['压力容器', '管道安装'], trades: ['焊工'] },
    { name: '压力容器', synonyms: ['压力容器焊接', '锅炉'], related: ['焊接', '无损检测'], trades: ['焊工'] },
    { name: '管道安装', synonyms: ['管工'], related: [], trades: ['管工'] },
    { name: '无损检测', synonyms: ['探伤'], related: [], trades: ['无损检测员'] },
    { name: '电工', synonyms: ['电气维修', '维修电工'], related: ['PLC编程'], trades: ['电工'] },
    { name: 'PLC编程', synonyms: ['PLC', '可编程控制器'], related: [], trades: [] },
    { name: '茶叶加工', synonyms: ['制茶', '炒茶'], related: [], trades: [] },
  ],
});

/** A stand-in for jieba: whole words split on punctuation and spaces, plus every two-character window. */
export function segment(text: string): string[] {
  const words = text.split(/[\s，。、；：,.!！？?（）()]+/).filter(Boolean);
  const bigrams = words.flatMap((w) => Array.from({ length: Math.max(0, w.length - 1) }, (_, i) => w.slice(i, i + 2)));
  return [...words, ...bigrams];
}

export function context(overrides: Partial<MatchContext> = {}): MatchContext {
  return { taxonomy, policy: DEFAULT_MATCHING_POLICY, now: NOW, ...overrides };
}

export function buildCraftsman(overrides: Partial<Craftsman> = {}): Craftsman {
  const regionCode = overrides.regionCode ?? '522701';
  return {
    _id: 'c1',
    name: '王师傅',
    phone: '13900000000',
    regionCode,
    regionPath: regionPath(regionCode),
    honors: [],
    skills: [{ name: '焊接', grade: 2 }],
    trades: ['焊工'],
    industries: ['装备制造'],
    studio: null,
    serviceModes: ['onsite', 'remote'],
    capacity: 3,
    bio: '',
    status: 'active',
    rating: null,
    ratingCount: 0,
    recentRatings: [],
    completedCount: 0,
    activeCount: 0,
    lastAssignedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function buildOrder(overrides: Partial<Order> = {}): Order {
  const regionCode = overrides.regionCode ?? '522701';
  return {
    _id: 'o1',
    enterpriseId: 'e1',
    enterpriseName: '某机械厂',
    title: '储罐焊缝开裂',
    description: '储罐焊缝出现裂纹，需要焊接师傅上门处理',
    category: 'equipment_repair',
    requiredSkills: ['焊接'],
    regionCode,
    regionPath: regionPath(regionCode),
    urgency: 'normal',
    preferredModes: ['onsite'],
    expectedBy: null,
    autoDispatch: false,
    status: 'open',
    ...untouchedLifecycle('2026-11-30T09:00:00+08:00'),
    timeline: [],
    ...overrides,
  };
}
