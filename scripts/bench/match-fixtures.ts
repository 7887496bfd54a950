/**
 * Deterministic synthetic data for the matching benches and the evaluation set: craftsmen and orders
 * in Guizhou (mostly 黔南州), skills from the shared taxonomy, jieba for segmentation.
 * Kept here (not seeds/synthetic.ts) so the evaluation pool cannot shift when the demo seed changes.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { readFileSync } from 'node:fs';
import type { Craftsman, Honor } from '../../src/domain/craftsmen/craftsman.js';
import type { OrderQuery } from '../../src/domain/matching/profile.js';
import { buildSkillTaxonomy, type SkillTaxonomy } from '../../src/domain/matching/skill-taxonomy.js';
import { untouchedLifecycle, type Order, type OrderCategory, type Urgency } from '../../src/domain/orders/order.js';
import { regionPath, type Region } from '../../src/domain/regions/region.js';
import type { ServiceMode } from '../../src/domain/shared/values.js';
import { createRng, deriveSeed, type Rng } from '../../seeds/prng.js';
import { loadRegions } from '../../seeds/regions.js';

export const BENCH_NOW = Date.parse('2026-12-01T09:00:00+08:00');

interface TaxonomyEntry {
  name: string;
  synonyms: string[];
  related: string[];
  trades: string[];
}
export function loadTaxonomyDoc(): { description?: string; skills: TaxonomyEntry[] } {
  return JSON.parse(readFileSync(new URL('../../seeds/skill-taxonomy.json', import.meta.url), 'utf8'));
}
export function loadTaxonomy(): SkillTaxonomy {
  return buildSkillTaxonomy(loadTaxonomyDoc());
}

let jieba: Jieba | null = null;
/** jieba in search mode: compounds also yield their parts (压力容器 → 压力, 容器, 压力容器). */
export function segment(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true);
}

const guizhou = loadRegions('52');
const counties = guizhou.filter((r) => r.level === 'county');
export const qiannanCounties = counties.filter((r) => r.parentCode === '522700');
const otherCounties = counties.filter((r) => r.parentCode !== '522700');
const regionName = new Map(guizhou.map((r) => [r.code, r.name]));
export const nameOfRegion = (code: string) => regionName.get(code) ?? code;

/** Most of the pool lives in the demo prefecture; the rest elsewhere in the province. */
function pickCounty(rng: Rng): Region {
  return rng.chance(0.75) ? rng.pick(qiannanCounties) : rng.pick(otherCounties);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林韦蒙龙吴石杨潘'.split('');
const GIVEN = '国华建平明军红英志强文杰秀兰海涛永福德昌丽芳勇刚伟敏静燕娟'.split('');
const INDUSTRIES = ['磷化工', '电力', '建材', '装备制造', '茶产业', '食品加工', '民族文化', '旅游服务', '矿山', '汽车服务', '农业', '物流'];
const FEATS = ['设备故障', '工艺优化', '质量提升', '节能降耗', '安全隐患', '技术改造', '新员工培训', '技能比武'];

function honorFor(rng: Rng, county: Region): Honor[] {
  const roll = rng.next();
  const countyName = county.name;
  if (roll < 0.04) return [{ title: rng.pick(['全国劳动模范', '大国工匠', '全国五一劳动奖章']), level: 'national', year: rng.int(2005, 2025) }];
  if (roll < 0.16) return [{ title: rng.pick(['贵州省劳动模范', '贵州工匠', '贵州省五一劳动奖章']), level: 'provincial', year: rng.int(2008, 2025) }];
  if (roll < 0.38) return [{ title: rng.pick(['黔南州劳动模范', '黔南工匠']), level: 'prefecture', year: rng.int(2010, 2025) }];
  if (roll < 0.58) return [{ title: `${countyName}${rng.pick(['劳动模范', '工匠'])}`, level: 'county', year: rng.int(2012, 2025) }];
  return [];
}

/** A spelling people actually write: the canonical name most of the time, a synonym otherwise. */
function spell(rng: Rng, skill: { name: string; synonyms: string[] }): string {
  return skill.synonyms.length > 0 && rng.chance(0.3) ? rng.pick(skill.synonyms) : skill.name;
}

export function generateCraftsmen(count: number, seed: number): Craftsman[] {
  const doc = loadTaxonomyDoc();
  const byName = new Map(doc.skills.map((s) => [s.name, s]));
  const rng = createRng(deriveSeed(seed, 'craftsmen'));
  const out: Craftsman[] = [];
  for (let i = 0; i < count; i++) {
    const county = pickCounty(rng);
    const primary = rng.pick(doc.skills);
    const secondary = rng.sample(primary.related, rng.int(0, 2)).map((n) => byName.get(n)).filter((s) => s !== undefined);
    if (rng.chance(0.2)) secondary.push(rng.pick(doc.skills));
    const skills = [primary, ...secondary]
      .filter((s, k, all) => all.findIndex((x) => x.name === s.name) === k)
      .map((s, k) => ({ name: spell(rng, s), grade: k === 0 ? rng.weighted([[1, 1], [2, 3], [3, 4], [4, 2], [5, 1]] as const) : rng.int(2, 5) }));
    const modes = (['onsite', 'remote', 'training', 'mentoring'] as const).filter((_, k) => rng.chance([0.9, 0.5, 0.4, 0.3][k]!));
    const serviceModes: ServiceMode[] = modes.length > 0 ? [...modes] : ['onsite'];
    const capacity = rng.int(1, 5);
    const ratingCount = rng.chance(0.3) ? 0 : rng.int(1, 30);
    const recentRatings = Array.from({ length: Math.min(10, ratingCount) }, () => rng.weighted([[5, 6], [4, 3], [3, 1], [2, 0.3]] as const));
    const industry = rng.pick(INDUSTRIES);
    const synonymsSaid = rng.sample(primary.synonyms, 2).join('、');
    const relatedSaid = rng.sample(primary.related, 1).join('');
    const years = rng.int(5, 35);
    const bio = `从事${primary.name}工作${years}年，${synonymsSaid ? `熟练掌握${synonymsSaid}，` : ''}${relatedSaid ? `兼通${relatedSaid}，` : ''}长期服务${industry}企业，多次参与${rng.pick(FEATS)}和${rng.pick(FEATS)}项目。`;
    const status = rng.weighted([['active', 88], ['paused', 6], ['suspended', 3], ['exited', 3]] as const);
    const id = `c${String(seed).padStart(2, '0')}_${String(i).padStart(6, '0')}`;
    out.push({
      _id: id,
      name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ''}`,
      phone: `139${rng.digits(8)}`,
      regionCode: county.code,
      regionPath: regionPath(county.code),
      honors: honorFor(rng, county),
      skills,
      trades: [...new Set([primary, ...secondary].flatMap((s) => s.trades.slice(0, 1)))],
      industries: [industry],
      studio: rng.chance(0.1) ? `${rng.pick(SURNAMES)}${primary.name}创新工作室` : null,
      serviceModes,
      capacity,
      bio,
      status,
      rating: null,
      ratingCount,
      recentRatings,
      completedCount: rng.int(0, 40),
      activeCount: rng.chance(0.15) ? capacity : rng.int(0, capacity - 1),
      lastAssignedAt: rng.chance(0.3) ? null : new Date(BENCH_NOW - rng.int(0, 60 * 24) * 3600_000).toISOString(),
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  }
  return out;
}

const SYMPTOMS = ['频繁出现故障', '质量不稳定', '效率偏低', '存在安全隐患', '能耗偏高', '良品率下降', '无法达到设计要求'];
const OBJECTS: Record<string, string> = {};

/** Orders shaped like real requests: a symptom, the skill spelled the way the enterprise spells it, sometimes only in the text. */
export function generateOrders(count: number, seed: number): Order[] {
  const doc = loadTaxonomyDoc();
  const rng = createRng(deriveSeed(seed, 'orders'));
  const categories: OrderCategory[] = ['technical_problem', 'equipment_repair', 'process_improvement', 'skills_training', 'mentoring'];
  const out: Order[] = [];
  for (let i = 0; i < count; i++) {
    const skill = rng.pick(doc.skills);
    const spelled = spell(rng, skill);
    const county = rng.chance(0.85) ? rng.pick(qiannanCounties) : rng.pick(otherCounties);
    const category = rng.pick(categories);
    const symptom = rng.pick(SYMPTOMS);
    const object = OBJECTS[skill.name] ?? `${skill.name}相关工序`;
    const title = category === 'skills_training' ? `${spelled}技能培训需求` : category === 'mentoring' ? `招募${spelled}师傅带徒` : `${object}${symptom}，需${spelled}专家指导`;
    const related = rng.sample(skill.related, 1).join('');
    const description = `我公司位于${county.name}，${object}${symptom}。${related ? `涉及${related}环节，` : ''}希望有经验的${spelled}师傅${category === 'skills_training' ? '开展培训' : '上门诊断并提出改进方案'}。`;
    const preferredModes: ServiceMode[] = category === 'skills_training' ? ['training', 'onsite'] : category === 'mentoring' ? ['mentoring'] : rng.chance(0.2) ? ['remote', 'onsite'] : ['onsite'];
    const urgency: Urgency = rng.weighted([['low', 2], ['normal', 5], ['high', 2], ['critical', 1]] as const);
    out.push({
      _id: `o${String(seed).padStart(2, '0')}_${String(i).padStart(6, '0')}`,
      enterpriseId: `e_${rng.int(1, 500)}`,
      enterpriseName: '某企业',
      title,
      description,
      category,
      requiredSkills: rng.chance(0.7) ? [spelled] : [],
      regionCode: county.code,
      regionPath: regionPath(county.code),
      urgency,
      preferredModes,
      expectedBy: null,
      autoDispatch: false,
      status: 'open',
      ...untouchedLifecycle('2026-11-30T09:00:00+08:00'),
      timeline: [],
    });
  }
  return out;
}

/**
 * A stand-in for "similar orders completed": a deterministic count per canonical skill and craftsman,
 * held the way a statistics rollup would hold it (skill → craftsman → count), so a lookup is one Map get.
 */
export function similarCompletedFor(craftsmen: readonly Craftsman[], taxonomy: SkillTaxonomy, seed: number) {
  const rng = createRng(deriveSeed(seed, 'history'));
  const bySkill = new Map<string, Map<string, number>>();
  for (const c of craftsmen) {
    for (const s of c.skills) {
      if (!rng.chance(0.5)) continue;
      const skill = taxonomy.canonical(s.name);
      let counts = bySkill.get(skill);
      if (!counts) bySkill.set(skill, (counts = new Map()));
      counts.set(c._id, rng.int(1, Math.max(1, Math.round(c.completedCount / 4))));
    }
  }
  const none = new Map<string, number>();
  const lookups = new WeakMap<object, (id: string) => number>();
  const forSkills = (skills: readonly string[]): ((craftsmanId: string) => number) => {
    const maps = skills.map((s) => bySkill.get(s) ?? none);
    const first = maps[0];
    if (maps.length === 1 && first) return (id) => first.get(id) ?? 0;
    return (id) => {
      let sum = 0;
      for (const m of maps) sum += m.get(id) ?? 0;
      return sum;
    };
  };
  /** MatchContext.similarCompleted: completed orders in the query's canonical skills. */
  return (craftsmanId: string, query: OrderQuery): number => {
    let lookup = lookups.get(query);
    if (!lookup) lookups.set(query, (lookup = forSkills(query.skills)));
    return lookup(craftsmanId);
  };
}
