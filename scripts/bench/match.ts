/**
 * Matching quality and ranking speed.
 *   npx tsx scripts/bench/match.ts        (npm run bench:match; `-- --quality` stops after the quality tables;
 *                                          `-- --replay` replays dispatch decisions instead: see match-replay.ts)
 *
 * Quality: precision@5 and NDCG@10 against seeds/match-eval.json (labels by a union officer's rules)
 * and against the hand-labelled hard cases of seeds/match-hard-cases.ts,
 * for the engine (through the candidate index — the path the service uses) and for a keyword-overlap
 * baseline, both after the same hard filters.
 * Speed: one order ranked over 10,000 and 100,000 generated craftsmen, index vs naive full scan —
 * on the bench's own fixtures and on 100,000 craftsmen and orders from seeds/synthetic.ts (the demo
 * seed: longer bios, more distinct words per profile, so a larger heap). Wall-clock tails move with
 * whatever else runs on the machine, so the index's p95 is also given in process CPU time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Craftsman } from '../../src/domain/craftsmen/craftsman.js';
import {
  CandidateIndex,
  DEFAULT_MATCHING_POLICY,
  ineligibility,
  prepareOrder,
  rankCandidates,
  type CraftsmanProfile,
  type MatchContext,
  type OrderQuery,
} from '../../src/domain/matching/index.js';
import type { Order } from '../../src/domain/orders/order.js';
import { HARD_CASES_NOW, hardCaseOrders, hardCasePool } from '../../seeds/match-hard-cases.js';
import { generateCraftsmen as syntheticCraftsmen } from '../../seeds/synthetic.js';
import { generateOrders as syntheticOrders } from '../../seeds/synthetic-orders.js';
import { generateCraftsmen, generateOrders, loadTaxonomy, segment, similarCompletedFor } from './match-fixtures.js';
import { replay } from './match-replay.js';

interface EvalSet {
  now: string;
  poolSeed: number;
  craftsmen: Craftsman[];
  orders: Array<{ order: Order; labels: Record<string, number>; picks: string[] }>;
}

const taxonomy = loadTaxonomy();
const policy = DEFAULT_MATCHING_POLICY;

function precisionAt5(ranked: string[], picks: ReadonlySet<string>): number {
  const hits = ranked.slice(0, 5).filter((id) => picks.has(id)).length;
  return hits / Math.min(5, picks.size);
}
function ndcgAt10(ranked: string[], labels: Record<string, number>): number {
  const dcg = (gains: number[]) => gains.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(labels).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => labels[id] ?? 0)) / ideal;
}

/** The baseline: how many of the order's words the profile contains — no dictionary, no place, no grades. */
function keywordRank(query: OrderQuery, profiles: readonly CraftsmanProfile[], limit: number): string[] {
  return profiles
    .filter((p) => ineligibility(query.order, p.craftsman) === null)
    .map((p) => ({ id: p.craftsman._id, overlap: query.tokens.filter((t) => p.tokens.has(t)).length }))
    .sort((a, b) => b.overlap - a.overlap || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.id);
}

interface Labelled {
  order: Order;
  labels: Record<string, number>;
  picks: string[];
}

/** Engine (through the index) and keyword baseline over one labelled set, after the same hard filters. */
function evaluate(craftsmen: Craftsman[], orders: Labelled[], now: number, similar?: MatchContext['similarCompleted']) {
  const index = new CandidateIndex(taxonomy, segment);
  for (const c of craftsmen) index.upsert(c);
  const profiles = [...index.profiles()];
  const sums = { engine: { p5: 0, ndcg: 0 }, keyword: { p5: 0, ndcg: 0 } };
  let agree = 0;
  for (const item of orders) {
    const query = prepareOrder(item.order, taxonomy, segment);
    const ctx: MatchContext = index.contextFor({ taxonomy, policy, now, ...(similar ? { similarCompleted: similar } : {}) });
    const engine = index.rank(query, ctx, { limit: 10 }).map((c) => c.craftsmanId);
    const naive = rankCandidates(query, index.profiles(), ctx, { limit: 10 }).map((c) => c.craftsmanId);
    if (engine.join() === naive.join()) agree++;
    const keyword = keywordRank(query, profiles, 10);
    const picks = new Set(item.picks);
    sums.engine.p5 += precisionAt5(engine, picks);
    sums.engine.ndcg += ndcgAt10(engine, item.labels);
    sums.keyword.p5 += precisionAt5(keyword, picks);
    sums.keyword.ndcg += ndcgAt10(keyword, item.labels);
  }
  const n = orders.length;
  console.table({
    'engine (candidate index)': { 'precision@5': +(sums.engine.p5 / n).toFixed(3), 'NDCG@10': +(sums.engine.ndcg / n).toFixed(3) },
    'keyword-overlap baseline': { 'precision@5': +(sums.keyword.p5 / n).toFixed(3), 'NDCG@10': +(sums.keyword.ndcg / n).toFixed(3) },
  });
  console.log(`index top 10 identical to the naive full scan on ${agree}/${n} orders`);
}

function quality() {
  const evalSet = JSON.parse(readFileSync(new URL('../../seeds/match-eval.json', import.meta.url), 'utf8')) as EvalSet;
  console.log(`\n匹配质量 (seeds/match-eval.json: ${evalSet.orders.length} orders, ${evalSet.craftsmen.length} craftsmen; P@5 = picks in top 5 / min(5, picks))`);
  evaluate(evalSet.craftsmen, evalSet.orders, Date.parse(evalSet.now), similarCompletedFor(evalSet.craftsmen, taxonomy, evalSet.poolSeed));
  const hard = hardCaseOrders.map((h) => ({ ...h, picks: Object.keys(h.labels).filter((id) => h.labels[id]! >= 2) }));
  console.log(`\n匹配难例 (seeds/match-hard-cases.ts: ${hard.length} orders, ${hardCasePool.length} craftsmen, labelled by hand; see seeds/match-hard-cases.md)`);
  evaluate(hardCasePool, hard, HARD_CASES_NOW);
}

/** Heap in use, after a full collection when run as `node --expose-gc --import tsx scripts/bench/match.ts`. */
function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface LatencyData {
  craftsmen: Craftsman[];
  orders: Order[];
}

function latency({ craftsmen, orders }: LatencyData, naiveCount: number) {
  const orderCount = orders.length;
  const heapBefore = heapUsedMb();
  const t0 = performance.now();
  const index = new CandidateIndex(taxonomy, segment);
  for (const c of craftsmen) index.upsert(c);
  const buildMs = performance.now() - t0;
  const indexMb = heapUsedMb() - heapBefore;
  const similar = similarCompletedFor(craftsmen, taxonomy, 1);
  const queries = orders.map((o) => prepareOrder(o, taxonomy, segment));
  const contexts = queries.map(() => index.contextFor({ taxonomy, policy, now: Date.parse('2026-12-01T09:00:00+08:00'), similarCompleted: similar }));
  // Warm-up, so both paths are measured JIT-compiled.
  for (let i = 0; i < 10; i++) {
    index.rank(queries[i]!, contexts[i]!, { limit: 10 });
    rankCandidates(queries[i]!, index.profiles(), contexts[i]!, { limit: 10 });
  }
  const fast: number[] = [];
  // Process CPU time per order (all threads, so garbage collection counts): what wall time would be on an idle machine.
  const fastCpu: number[] = [];
  const naive: number[] = [];
  let considered = 0;
  let opened = 0;
  let identical = 0;
  queries.forEach((q, i) => {
    const cpu = process.cpuUsage();
    let t = performance.now();
    const { candidates, stats } = index.rankWithStats(q, contexts[i]!, { limit: 10 });
    fast.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    fastCpu.push((used.user + used.system) / 1000);
    considered += stats.considered;
    if (stats.tiers.length > 1) opened++;
    if (i < naiveCount) {
      t = performance.now();
      const full = rankCandidates(q, index.profiles(), contexts[i]!, { limit: 10 });
      naive.push(performance.now() - t);
      if (full.map((c) => c.craftsmanId).join() === candidates.map((c) => c.craftsmanId).join()) identical++;
    }
  });
  fast.sort((a, b) => a - b);
  fastCpu.sort((a, b) => a - b);
  naive.sort((a, b) => a - b);
  return {
    row: {
      'index p50 ms': +percentile(fast, 50).toFixed(2),
      'index p95 ms': +percentile(fast, 95).toFixed(2),
      'index p95 CPU ms': +percentile(fastCpu, 95).toFixed(2),
      'naive p50 ms': +percentile(naive, 50).toFixed(2),
      'naive p95 ms': +percentile(naive, 95).toFixed(2),
      'p95 speed-up ×': +(percentile(naive, 95) / percentile(fast, 95)).toFixed(1),
      'p50 speed-up ×': +(percentile(naive, 50) / percentile(fast, 50)).toFixed(1),
    },
    notes: `index build ${(buildMs / 1000).toFixed(1)} s (jieba included), index heap ≈ ${Math.round(indexMb)} MB, heap after ranking ${Math.round(heapUsedMb())} MB; ${orderCount} orders, ${naiveCount} also by full scan; mean eligible looked at ${Math.round(considered / orderCount)}; orders that opened more than the skill tier ${opened}; identical top 10 ${identical}/${naiveCount}`,
  };
}

/** Skills no taxonomy entry spells: the orders the similar-name layer and the relevance gate are for. */
const OUTSIDE = ['电梯维修', '储能电站运维', '古建筑彩绘', '注塑成型', '风电机组检修', '白酒酿造', '竹编', '石材雕刻', '无人机航测', '锂电池检测'];
function outsideTaxonomy(orders: Order[]): Order[] {
  return orders.map((o, i) => {
    const skill = OUTSIDE[i % OUTSIDE.length]!;
    return { ...o, title: `${skill}问题需专家指导`, requiredSkills: i % 3 === 0 ? [] : [skill] };
  });
}

if (process.argv.includes('--replay')) {
  replay();
  process.exit(0);
}
quality();
if (process.argv.includes('--quality')) process.exit(0);
const rows: Record<string, object> = {};
const notes: string[] = [];
const runs: Array<[label: string, data: () => LatencyData, naive: number]> = [
  ['10,000 craftsmen', () => ({ craftsmen: generateCraftsmen(10_000, 1), orders: generateOrders(300, 7) }), 300],
  ['100,000 craftsmen', () => ({ craftsmen: generateCraftsmen(100_000, 1), orders: generateOrders(300, 7) }), 60],
  ['100,000 seeds/synthetic', () => ({ craftsmen: syntheticCraftsmen(100_000, 1), orders: syntheticOrders(300, 7) }), 60],
  ['100,000, skills outside the taxonomy', () => ({ craftsmen: generateCraftsmen(100_000, 1), orders: outsideTaxonomy(generateOrders(300, 7)) }), 60],
];
for (const [label, data, naive] of runs) {
  const { row, notes: note } = latency(data(), naive);
  rows[label] = row;
  notes.push(`${label}: ${note}`);
}
// Wall-clock tails are only as quiet as the machine: other processes on the same cores show up as p95.
const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
console.log('\n单个需求单排序耗时 (top 10, candidate index vs naive full scan scoring every eligible craftsman)');
console.log(`machine: ${availableParallelism()} cores, load average (1/5/15 min) at the end ${load}`);
console.table(rows);
for (const n of notes) console.log(`- ${n}`);
