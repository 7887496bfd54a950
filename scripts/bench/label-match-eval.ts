/**
 * Writes seeds/match-eval.json: a fixed pool of craftsmen and ≥ 50 orders, each labelled by the
 * checklist a union officer uses when dispatching by hand (see seeds/match-eval.md). The rules
 * below read the craftsman records directly; they do not call the matching engine, its factors,
 * its weights or its text relevance — only the shared skill dictionary (an officer knows 电焊 is 焊接).
 *
 *   npx tsx scripts/bench/label-match-eval.ts
 */
import { writeFileSync } from 'node:fs';
import type { Craftsman } from '../../src/domain/craftsmen/craftsman.js';
import type { Order } from '../../src/domain/orders/order.js';
import { BENCH_NOW, generateCraftsmen, generateOrders, loadTaxonomyDoc, nameOfRegion } from './match-fixtures.js';

const POOL_SEED = 42;
const ORDER_SEED = 43;
const POOL_SIZE = 400;
const ORDERS_WANTED = 60;

const doc = loadTaxonomyDoc();
/** spelling → standard skill, from the dictionary the union keeps. */
const standard = new Map<string, string>();
for (const s of doc.skills) for (const spelling of [s.name, ...s.synonyms]) if (!standard.has(spelling)) standard.set(spelling, s.name);
for (const s of doc.skills) standard.set(s.name, s.name);
const relatedOf = new Map(doc.skills.map((s) => [s.name, new Set(s.related)]));

/** The skill the enterprise needs: what it listed, else the first dictionary skill named in the title. */
function neededSkill(order: Order): string | null {
  const listed = order.requiredSkills[0];
  if (listed) return standard.get(listed) ?? listed;
  const spellings = [...standard.keys()].sort((a, b) => b.length - a.length);
  const hit = spellings.find((s) => order.title.includes(s));
  return hit ? standard.get(hit)! : null;
}

function bestGrade(c: Craftsman, skill: string): number | null {
  const grades = c.skills.filter((s) => (standard.get(s.name) ?? s.name) === skill).map((s) => s.grade);
  return grades.length > 0 ? Math.min(...grades) : null;
}
function bestRelatedGrade(c: Craftsman, skill: string): number | null {
  const related = relatedOf.get(skill) ?? new Set<string>();
  const grades = c.skills.filter((s) => related.has(standard.get(s.name) ?? s.name)).map((s) => s.grade);
  return grades.length > 0 ? Math.min(...grades) : null;
}

/**
 * The officer's checklist, in order:
 *  0. cannot take it: not 在库, no free slot, no service mode the enterprise accepts → not considered;
 *  3 首选: the needed skill at 二级/技师 or better, and close enough to go (same county), or the order
 *    accepts remote help and they offer it, or same prefecture with a prefecture-or-higher honour;
 *  2 可选: the needed skill at 三级/高级工 or better within the prefecture (or remote as above),
 *    or at 二级 or better anywhere in the province;
 *  1 备选: the needed skill at any grade anywhere, or a related skill at 二级 or better in the same county;
 *  otherwise 0.
 */
function expertGrade(order: Order, c: Craftsman, skill: string): number {
  if (c.status !== 'active' || c.activeCount >= c.capacity) return 0;
  if (!order.preferredModes.some((m) => c.serviceModes.includes(m))) return 0;
  const sameCounty = c.regionCode === order.regionCode;
  const samePrefecture = c.regionCode.slice(0, 4) === order.regionCode.slice(0, 4);
  const sameProvince = c.regionCode.slice(0, 2) === order.regionCode.slice(0, 2);
  const remoteOk = order.preferredModes.includes('remote') && c.serviceModes.includes('remote');
  const highHonour = c.honors.some((h) => h.level !== 'county');
  const grade = bestGrade(c, skill);
  if (grade !== null) {
    if (grade <= 2 && (sameCounty || remoteOk || (samePrefecture && highHonour))) return 3;
    if ((grade <= 3 && (samePrefecture || remoteOk)) || (grade <= 2 && sameProvince)) return 2;
    return 1;
  }
  const related = bestRelatedGrade(c, skill);
  return related !== null && related <= 2 && sameCounty ? 1 : 0;
}

const pool = generateCraftsmen(POOL_SIZE, POOL_SEED);
const labelled = [];
for (const order of generateOrders(400, ORDER_SEED)) {
  const skill = neededSkill(order);
  if (!skill) continue;
  const labels: Record<string, number> = {};
  for (const c of pool) {
    const g = expertGrade(order, c, skill);
    if (g > 0) labels[c._id] = g;
  }
  const picks = Object.keys(labels).filter((id) => labels[id]! >= 2);
  // An evaluation order needs someone worth picking; orders nobody in the pool can serve say nothing about ranking.
  if (picks.length < 2) continue;
  const count = (g: number) => Object.values(labels).filter((x) => x === g).length;
  labelled.push({
    order,
    expertSkill: skill,
    labels,
    picks,
    rationale: `需要「${skill}」（${order.requiredSkills.length > 0 ? `企业填写：${order.requiredSkills.join('、')}` : '企业未填技能，按标题判断'}），地点 ${nameOfRegion(order.regionCode)}，服务方式 ${order.preferredModes.join('/')}。首选 ${count(3)} 人（二级以上且同县/可远程/同州有州级以上荣誉），可选 ${count(2)} 人，备选 ${count(1)} 人。`,
  });
  if (labelled.length >= ORDERS_WANTED) break;
}

const out = {
  description: '匹配质量评测集：固定的劳模工匠库与需求单，每单由工会派单员的人工规则标注（3 首选 / 2 可选 / 1 备选）。生成与标注方法见 seeds/match-eval.md。',
  generatedBy: 'scripts/bench/label-match-eval.ts',
  now: new Date(BENCH_NOW).toISOString(),
  poolSeed: POOL_SEED,
  orderSeed: ORDER_SEED,
  craftsmen: pool,
  orders: labelled,
};
writeFileSync(new URL('../../seeds/match-eval.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
const pickCounts = labelled.map((l) => l.picks.length).sort((a, b) => a - b);
console.log(`wrote ${labelled.length} orders over ${pool.length} craftsmen; picks per order min ${pickCounts[0]} median ${pickCounts[Math.floor(pickCounts.length / 2)]} max ${pickCounts[pickCounts.length - 1]}`);
