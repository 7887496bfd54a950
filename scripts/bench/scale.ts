/**
 * npm run bench:scale [-- --craftsmen 100000 --orders 1000000 --records 3000000 --queries 100 --heap 12288 --keep]
 *
 * Province scale on one machine. Seeds the synthetic data set (npm run seed -- --synthetic) into a fresh
 * data directory, then starts the engine as `npm start` does (compiled, workers on) on it, twice:
 * - as today: the search index is built from the store before the server answers (SEARCH_BUILD=blocking);
 * - with the index built in the background while search answers from the store with `degraded: true`
 *   (SEARCH_BUILD=background, the default).
 * For each start it prints the time to /healthz, to full readiness (/readyz "ready"), heap and RSS, then
 * search p50/p95 (unfiltered and with a county filter), ranking p95 (GET /api/orders/:id/candidates; the
 * first request, which builds the candidate index, apart) and the prefecture year report p95.
 * `--heap MB` passes --max-old-space-size to the engine and the seeder (node's default heap is about 4 GB).
 * `--keep` leaves the data directory (its path is printed).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number((process.argv[at + 1] ?? '').replace(/[_,]/g, ''));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

const CRAFTSMEN = arg('craftsmen', 100_000);
const ORDERS = arg('orders', 1_000_000);
const RECORDS = arg('records', ORDERS * 3);
const QUERIES = arg('queries', 100);
const HEAP_MB = arg('heap', 0);
const KEEP = process.argv.includes('--keep');
const ADMIN = { username: 'scale-admin', password: 'scale-bench-password-1' };
const PREFECTURE_ORG = 'org_522700';
const COUNTY = '522701';

const heapFlag = HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : [];
const loadNote = () => `负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}（${os.cpus().length} 核）`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function seed(dataDir: string): number {
  console.log(`写入合成数据：${CRAFTSMEN} 位劳模工匠，${ORDERS} 条需求，约 ${RECORDS} 条服务记录 → ${dataDir}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [...heapFlag, '--import', 'tsx', 'scripts/seed.ts', '--synthetic', String(CRAFTSMEN), '--orders', String(ORDERS), '--records', String(RECORDS)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
  });
  if (run.status !== 0) throw new Error(`seed failed (exit ${run.status})`);
  return (performance.now() - started) / 1000;
}

interface StartFigures {
  healthzMs: number;
  /** First 200 from /readyz (search may still say degraded). */
  answeringMs: number;
  readyMs: number;
  rssAtReadyMb: number;
  heapUsedMb: number;
  rssAfterMb: number;
  searchMs: number[];
  searchCountyMs: number[];
  searchDegraded: number;
  firstRankingMs: number;
  rankingMs: number[];
  reportMs: number[];
}

async function startAndMeasure(dataDir: string, searchBuild: 'blocking' | 'background'): Promise<StartFigures> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // As `npm start` runs it: the compiled server, workers in the process.
  const child: ChildProcess = spawn(process.execPath, [...heapFlag, 'dist/src/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      SEARCH_BUILD: searchBuild,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'scale-bench-secret-0123456789abcdef0123',
      LOG_LEVEL: 'warn',
    },
  });
  const since = () => performance.now() - started;
  const get = async (path: string, token?: string) => {
    const at = performance.now();
    const res = await fetch(`${url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const body = await res.text();
    return { status: res.status, body, ms: performance.now() - at };
  };
  try {
    let healthzMs = NaN;
    let answeringMs = NaN;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
      if (since() > 30 * 60_000) throw new Error('engine not ready in 30 minutes');
      if (Number.isNaN(healthzMs) && (await get('/healthz').then((r) => r.status === 200, () => false))) healthzMs = since();
      if (!Number.isNaN(healthzMs)) {
        const ready = await get('/readyz').catch(() => null);
        if (ready?.status === 200 && Number.isNaN(answeringMs)) answeringMs = since();
        if (ready?.status === 200 && (JSON.parse(ready.body) as { status: string }).status === 'ready') break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = since();
    const rssAtReadyMb = rssMb(child.pid!);

    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };

    const queries = (JSON.parse(readFileSync(join(root, 'seeds/search-eval.json'), 'utf8')) as { queries: Array<{ q: string }> }).queries.map((q) => q.q);
    const searchMs: number[] = [];
    const searchCountyMs: number[] = [];
    let searchDegraded = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const q = encodeURIComponent(queries[i % queries.length]!);
      const plain = await get(`/api/craftsmen?q=${q}&limit=10`, token);
      const county = await get(`/api/craftsmen?q=${q}&limit=10&regionCode=${COUNTY}`, token);
      if (plain.status !== 200 || county.status !== 200) throw new Error(`search answered ${plain.status}/${county.status}: ${plain.body.slice(0, 200)}`);
      if ((JSON.parse(plain.body) as { degraded: boolean }).degraded) searchDegraded += 1;
      searchMs.push(plain.ms);
      searchCountyMs.push(county.ms);
    }

    const open = await get(`/api/orders?status=open&limit=50`, token);
    const ids = (JSON.parse(open.body) as { items: Array<{ _id: string }> }).items.map((o) => o._id);
    const rankingMs: number[] = [];
    let firstRankingMs = NaN;
    for (const [i, id] of [...ids, ...ids].entries()) {
      const ranked = await get(`/api/orders/${id}/candidates`, token);
      if (ranked.status !== 200) throw new Error(`candidates answered ${ranked.status}: ${ranked.body.slice(0, 200)}`);
      if (i === 0) firstRankingMs = ranked.ms;
      else rankingMs.push(ranked.ms);
    }

    const reportMs: number[] = [];
    const year = '2026';
    for (let i = 0; i < 30; i += 1) {
      const report = await get(`/api/orgs/${PREFECTURE_ORG}/report?period=${year}`, token);
      if (report.status !== 200) throw new Error(`report answered ${report.status}: ${report.body.slice(0, 200)}`);
      reportMs.push(report.ms);
    }

    const metrics = await get('/metrics', token);
    const heapUsedMb = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics.body)?.[1] ?? NaN) / 2 ** 20;
    return { healthzMs, answeringMs, readyMs, rssAtReadyMb, heapUsedMb, rssAfterMb: rssMb(child.pid!), searchMs, searchCountyMs, searchDegraded, firstRankingMs, rankingMs, reportMs };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 120_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function print(name: string, f: StartFigures): void {
  console.log(`\n${name}`);
  console.log(`  /healthz ${(f.healthzMs / 1000).toFixed(2)} s   /readyz 首次 200 ${(f.answeringMs / 1000).toFixed(2)} s   完全就绪（ready）${(f.readyMs / 1000).toFixed(2)} s`);
  console.log(`  内存：就绪时 RSS ${f.rssAtReadyMb.toFixed(0)} MB；测量后 RSS ${f.rssAfterMb.toFixed(0)} MB，堆 ${f.heapUsedMb.toFixed(0)} MB`);
  console.log(`  检索（${f.searchMs.length} 次，经 HTTP）：不筛选 p50 ${fmt(percentile(f.searchMs, 50))} / p95 ${fmt(percentile(f.searchMs, 95))} ms；按县筛选 p50 ${fmt(percentile(f.searchCountyMs, 50))} / p95 ${fmt(percentile(f.searchCountyMs, 95))} ms；降级答复 ${f.searchDegraded} 次`);
  console.log(`  候选排序：首次（建候选索引）${fmt(f.firstRankingMs)} ms，其后 p50 ${fmt(percentile(f.rankingMs, 50))} / p95 ${fmt(percentile(f.rankingMs, 95))} ms（${f.rankingMs.length} 次）`);
  console.log(`  州年度报告（${PREFECTURE_ORG}，2026）：p50 ${fmt(percentile(f.reportMs, 50))} / p95 ${fmt(percentile(f.reportMs, 95))} ms`);
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  console.log(`bench:scale 开始时${loadNote()}；共享机器上的数字有噪声`);
  const dataDir = mkdtempSync(join(tmpdir(), 'jx-bench-scale-'));
  try {
    const seedSeconds = seed(join(dataDir, 'data'));
    console.log(`合成数据用时 ${seedSeconds.toFixed(1)} s；${loadNote()}`);
    const today = await startAndMeasure(join(dataDir, 'data'), 'blocking');
    print(`启动前建好检索索引（SEARCH_BUILD=blocking，原有做法）；${loadNote()}`, today);
    const background = await startAndMeasure(join(dataDir, 'data'), 'background');
    print(`检索索引在后台建立、期间检索从存储答复（SEARCH_BUILD=background，默认）；${loadNote()}`, background);
    console.log(`\n后台建索引相对原有做法：/healthz ${(background.healthzMs / today.healthzMs).toFixed(2)}×，完全就绪 ${(background.readyMs / today.readyMs).toFixed(2)}×`);
  } finally {
    if (KEEP) console.log(`数据目录保留在 ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
