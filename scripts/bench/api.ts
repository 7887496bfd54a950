/**
 * `npm run bench:api`: autocannon against the running engine (embedded store on disk, real token)
 * and, in the same run, against a bare Express app answering the same JSON. Each server runs in its
 * own process; this process only generates load. Prints requests/s, p50/p99 and the ratios.
 * Targets: GET ≥ 0.5× and POST ≥ 0.4× the bare app's requests/s; p99 ≤ 3× the bare app's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

interface Target {
  lines: AsyncIterator<string>;
  port: number;
  token: string;
  orderId: string;
  orderBody: Record<string, unknown>;
  child: ChildProcess;
}

async function start(kind: 'engine' | 'bare'): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-target.ts', kind], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value.startsWith('{')) return { ...(JSON.parse(next.value) as Omit<Target, 'child' | 'lines'>), child, lines };
  }
  throw new Error(`${kind} target exited before listening`);
}

interface SyncStats {
  commits: number;
  syncs: number;
  syncMs: number;
  maxSyncMs: number;
}

/** The engine's journal figures so far (it prints them on SIGUSR2). */
async function syncStats(target: Target): Promise<SyncStats> {
  target.child.kill('SIGUSR2');
  for (let next = await target.lines.next(); !next.done; next = await target.lines.next()) {
    if (next.value.startsWith('{"syncStats"')) return (JSON.parse(next.value) as { syncStats: SyncStats }).syncStats;
  }
  throw new Error('engine exited before reporting its sync figures');
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(target: Target, method: 'GET' | 'POST'): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      method === 'GET'
        ? { method: 'GET', path: `/api/orders/${target.orderId}`, headers: { authorization: `Bearer ${target.token}` } }
        : { method: 'POST', path: '/api/orders', headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }, body: JSON.stringify(target.orderBody) },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const row = (name: string, f: Figures) => `${name.padEnd(22)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}`;

const bare = await start('bare');
const engine = await start('engine');
try {
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per run, servers in their own processes\n`);
  const results: Record<string, Figures> = {};
  let syncLine = '';
  for (const method of ['GET', 'POST'] as const) {
    // Warm both up so JIT and caches are comparable, then measure.
    await autocannon({ url: `http://127.0.0.1:${bare.port}/healthz`, connections: 10, duration: 1 });
    results[`bare ${method}`] = await load(bare, method);
    const syncBefore = method === 'POST' ? await syncStats(engine) : null;
    results[`engine ${method}`] = await load(engine, method);
    if (syncBefore) {
      const after = await syncStats(engine);
      const commits = after.commits - syncBefore.commits;
      const syncs = after.syncs - syncBefore.syncs;
      const syncMs = after.syncMs - syncBefore.syncMs;
      syncLine = `engine POST journal: ${commits} commits in ${syncs} fdatasyncs (${(commits / Math.max(syncs, 1)).toFixed(1)} commits per sync), sync latency mean ${(syncMs / Math.max(syncs, 1)).toFixed(2)} ms, max ${after.maxSyncMs.toFixed(1)} ms; per commit ${(syncMs / Math.max(commits, 1)).toFixed(3)} ms`;
    }
    console.log(row(`bare    ${method}`, results[`bare ${method}`]!));
    console.log(row(`engine  ${method}`, results[`engine ${method}`]!));
  }
  if (syncLine) console.log(`\n${syncLine}`);
  console.log('\nratios (engine / bare):');
  const targets = { GET: 0.5, POST: 0.4 };
  let ok = true;
  for (const method of ['GET', 'POST'] as const) {
    const e = results[`engine ${method}`]!;
    const b = results[`bare ${method}`]!;
    const rpsRatio = e.rps / b.rps;
    const p99Ratio = e.p99 / Math.max(b.p99, 1);
    const pass = rpsRatio >= targets[method] && p99Ratio <= 3 && e.non2xx === 0;
    ok &&= pass;
    console.log(`  ${method.padEnd(5)} throughput ${rpsRatio.toFixed(2)}× (target ≥ ${targets[method]}×)   p99 ${p99Ratio.toFixed(2)}× (target ≤ 3×)   ${pass ? 'PASS' : 'MISS'}`);
  }
  console.log(ok ? '\nall targets met' : '\nsome targets missed');
} finally {
  bare.child.kill('SIGTERM');
  engine.child.kill('SIGTERM');
}
