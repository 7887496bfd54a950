/**
 * Search bench: builds the embedded engine, FlexSearch (the fastest library in MEASUREMENTS.md) and a
 * naive scan over the same generated talent pool, then times the same queries with and without a
 * county filter and measures recall@10 on the labelled set in seeds/search-eval.json against a plain
 * substring-match baseline. Run: `npx tsx scripts/bench/search.ts [--count 100000] [--queries 200]`.
 */
import { readFileSync } from 'node:fs';
import FlexSearch from 'flexsearch';
import { EmbeddedSearch } from '../../src/adapters/search/embedded-search/embedded-search.js';
import { loadSkillTaxonomy } from '../../src/adapters/search/shared/taxonomy.js';
import { indexTokens, pinyinKeys, queryWords } from '../../src/adapters/search/shared/text-analysis.js';
import type { Craftsman } from '../../src/domain/craftsmen/craftsman.js';
import { toCraftsmanSearchDoc, type CraftsmanSearchDoc } from '../../src/ports/search.js';
import { createRng } from '../../seeds/prng.js';
import { qiannanCounties } from '../../seeds/regions.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const COUNT = arg('count', 100_000);
const QUERY_COUNT = arg('queries', 200);
const SEED = 20261125;
const taxonomy = loadSkillTaxonomy();
const taxonomyDoc = JSON.parse(readFileSync(new URL('../../seeds/skill-taxonomy.json', import.meta.url), 'utf8')) as {
  skills: Array<{ name: string; synonyms: string[]; trades: string[] }>;
};
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The shared generator when it exists (seeds/synthetic.ts), otherwise a small deterministic stand-in. */
async function generatePool(): Promise<{ docs: CraftsmanSearchDoc[]; source: string }> {
  try {
    const modulePath = '../../seeds/synthetic.js';
    const synthetic = (await import(modulePath)) as { generateCraftsmen: (count: number, seed: number) => Craftsman[] };
    return { docs: synthetic.generateCraftsmen(COUNT, SEED).map(toCraftsmanSearchDoc), source: 'seeds/synthetic.ts' };
  } catch {
    return { docs: standInPool(), source: 'bench stand-in generator (seeds/synthetic.ts not found)' };
  }
}

function standInPool(): CraftsmanSearchDoc[] {
  const rng = createRng(SEED);
  const counties = qiannanCounties().map((r) => r.code);
  const surnames = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '罗', '龙', '石', '潘', '蒙'];
  const given = ['伟', '芳', '娜', '洋', '静', '敏', '强', '磊', '军', '勇', '艳', '杰', '明华', '建国', '志强', '秀英', '国平', '德才'];
  const phrases = ['从事', '企业', '多年', '一线', '技术骨干', '带徒', '攻关', '车间', '生产', '安全', '培训', '创新'];
  return Array.from({ length: COUNT }, (_, i) => {
    const county = rng.pick(counties);
    const skills = rng.sample(taxonomyDoc.skills, rng.int(1, 3));
    const written = skills.map((s) => (rng.chance(0.3) && s.synonyms.length > 0 ? rng.pick(s.synonyms) : s.name));
    const bio = `${rng.pick(phrases)}${rng.pick(written)}工作${rng.int(5, 30)}年，在${rng.pick(phrases)}${rng.pick(phrases)}方面${rng.pick(phrases)}。${rng.sample(phrases, 4).join('、')}。`;
    const createdAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    return {
      id: `c${i}`, name: rng.pick(surnames) + rng.pick(given), regionCode: county, regionPath: ['520000', '522700', county],
      topHonorLevel: null, honorLevels: [], honorTitles: [], skills: written, trades: [...new Set(skills.flatMap((s) => s.trades))],
      industries: [], studio: null, serviceModes: ['onsite'], bio, status: 'active', rating: rng.chance(0.6) ? 3 + rng.int(0, 20) / 10 : null,
      ratingCount: 0, completedCount: rng.int(0, 50), createdAt, createdAtMs: Date.parse(createdAt),
    } satisfies CraftsmanSearchDoc;
  });
}

interface Engine {
  name: string;
  build(docs: CraftsmanSearchDoc[]): Promise<void>;
  /** Top 10 ids, optionally inside one county. */
  query(q: string, county?: string): Promise<string[]>;
}

const textOf = (d: CraftsmanSearchDoc) => [d.name, ...d.skills, ...d.trades, ...d.honorTitles, d.studio ?? '', ...d.industries, d.bio].join(' ');

function embeddedEngine(): Engine {
  const search = new EmbeddedSearch({ taxonomy });
  return {
    name: 'embedded (chosen)',
    build: async (docs) => void (await search.rebuild('craftsmen', docs)),
    query: async (q, county) => (await search.search('craftsmen', { q, limit: 10, ...(county ? { filter: { regionPath: county } } : {}) })).hits.map((h) => h.doc.id),
  };
}

/** FlexSearch with the same jieba tokens and pinyin keys; it has no filter-aware search, so a county filter is applied to a fetched window. */
function flexEngine(): Engine {
  const FlexDocument = (FlexSearch as unknown as { Document: new (options: unknown) => FlexIndex }).Document;
  interface FlexIndex { add(doc: object): void; search(q: string, options: { limit: number }): Array<{ result: Array<string | number> }> }
  const index = new FlexDocument({ document: { id: 'id', index: [{ field: 'text', tokenize: 'strict', encode: (s: string) => indexTokens(s) }] } });
  const regionOf = new Map<string, string>();
  return {
    name: 'FlexSearch 0.8',
    build: async (docs) => {
      for (const d of docs) {
        index.add({ id: d.id, text: `${textOf(d)} ${pinyinKeys(d.name).join(' ')}` });
        regionOf.set(d.id, d.regionCode);
      }
    },
    query: async (q, county) => {
      const ids = (index.search(q, { limit: county ? 1_000 : 10 })[0]?.result ?? []).map(String);
      return (county ? ids.filter((id) => regionOf.get(id) === county) : ids).slice(0, 10);
    },
  };
}

/** Every query word must be a substring of the profile text; scans everything, best rated first. */
function naiveEngine(): Engine {
  let pool: Array<{ doc: CraftsmanSearchDoc; text: string }> = [];
  return {
    name: 'naive substring scan',
    build: async (docs) => void (pool = docs.map((doc) => ({ doc, text: textOf(doc).toLowerCase() }))),
    query: async (q, county) => {
      const words = queryWords(q);
      const hits = pool.filter((p) => (!county || p.doc.regionCode === county) && words.every((w) => p.text.includes(w)));
      return hits.sort((a, b) => (b.doc.rating ?? -1) - (a.doc.rating ?? -1)).slice(0, 10).map((p) => p.doc.id);
    },
  };
}

interface EvalQuery { q: string; relevant: { skills?: string[]; name?: string; trade?: string } }
const evalSet = (JSON.parse(readFileSync(new URL('../../seeds/search-eval.json', import.meta.url), 'utf8')) as { queries: EvalQuery[] }).queries;

/** The labels: structured fields only (canonical skills, exact name, trade), never the indexed text. */
function relevantIds(docs: CraftsmanSearchDoc[], rule: EvalQuery['relevant']): Set<string> {
  return new Set(
    docs
      .filter((d) => {
        const canon = new Set(d.skills.map((s) => taxonomy.canonical(s)));
        return (!rule.skills || rule.skills.every((s) => canon.has(taxonomy.canonical(s)))) && (!rule.name || d.name === rule.name) && (!rule.trade || d.trades.includes(rule.trade));
      })
      .map((d) => d.id),
  );
}

/** The baseline: the raw query string as one substring of the profile text. */
const substringBaseline = (docs: CraftsmanSearchDoc[]): Engine => ({
  name: 'substring baseline (raw q)',
  build: async () => {},
  query: async (q) => docs.filter((d) => textOf(d).toLowerCase().includes(q.toLowerCase())).slice(0, 10).map((d) => d.id),
});

function latencyQueries(docs: CraftsmanSearchDoc[]): string[] {
  const rng = createRng(SEED + 1);
  const spellings = taxonomyDoc.skills.flatMap((s) => [s.name, ...s.synonyms]);
  return Array.from({ length: QUERY_COUNT }, (_, i) => {
    if (i % 4 === 0) return rng.pick(spellings);
    if (i % 4 === 1) return `${rng.pick(spellings)} ${rng.pick(spellings)}`;
    if (i % 4 === 2) return rng.pick(docs).bio.slice(0, rng.int(6, 12)); // a bio phrase: common words included
    return pinyinKeys(rng.pick(docs).name)[0] ?? '张伟';
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function timeQueries(engine: Engine, queries: string[], counties: string[]): Promise<{ plain: number[]; county: number[] }> {
  const plain: number[] = [];
  const county: number[] = [];
  for (const [i, q] of queries.entries()) {
    let t = performance.now();
    await engine.query(q);
    plain.push(performance.now() - t);
    t = performance.now();
    await engine.query(q, counties[i % counties.length]);
    county.push(performance.now() - t);
  }
  return { plain: plain.sort((a, b) => a - b), county: county.sort((a, b) => a - b) };
}

async function recallAt10(engine: Engine, labelled: Array<{ q: string; relevant: Set<string> }>): Promise<number> {
  let sum = 0;
  for (const { q, relevant } of labelled) {
    const top = await engine.query(q);
    sum += top.filter((id) => relevant.has(id)).length / Math.min(10, relevant.size);
  }
  return sum / labelled.length;
}

async function main() {
  const started = performance.now();
  log(`生成 ${COUNT.toLocaleString()} 条工匠档案…`);
  const { docs, source } = await generatePool();
  log(`  来源：${source}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
  const counties = [...new Set(docs.map((d) => d.regionCode))];
  const queries = latencyQueries(docs);
  const labelled = evalSet.map((e) => ({ q: e.q, relevant: relevantIds(docs, e.relevant) })).filter((e) => e.relevant.size > 0);
  log(`评测查询 ${labelled.length}/${evalSet.length} 条有相关档案；计时查询 ${queries.length} 条 × (不筛选 + 按县筛选)`);

  const rows: string[][] = [];
  for (const engine of [embeddedEngine(), flexEngine(), naiveEngine(), substringBaseline(docs)]) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let t = performance.now();
    log(`[${engine.name}] 建索引…`);
    await engine.build(docs);
    const buildS = (performance.now() - t) / 1000;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const baseline = engine.name.startsWith('substring');
    t = performance.now();
    const times = baseline ? null : await timeQueries(engine, queries, counties);
    if (times) log(`[${engine.name}] 计时 ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const recall = await recallAt10(engine, labelled);
    rows.push([
      engine.name,
      baseline ? '–' : buildS.toFixed(1),
      baseline ? '–' : heapMb.toFixed(0),
      times ? `${fmt(percentile(times.plain, 0.5))} / ${fmt(percentile(times.plain, 0.95))}` : '–',
      times ? `${fmt(percentile(times.county, 0.5))} / ${fmt(percentile(times.county, 0.95))}` : '–',
      recall.toFixed(3),
    ]);
  }
  const header = ['engine', 'build s', 'heap MB', 'query p50 / p95 ms', 'county filter p50 / p95 ms', 'recall@10'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  log(`\n${COUNT.toLocaleString()} profiles, ${queries.length} queries, ${labelled.length} labelled queries, node ${process.version}`);
  log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  log(`\n总耗时 ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
