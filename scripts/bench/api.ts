/**
 * `npm run bench:api`: autocannon against the engine as `npm start` runs it (demo data, workers in the
 * process), the same engine with `WORKERS=false`, and a bare Express app answering the same JSON, in
 * one run. POST runs twice: every order from one enterprise (the open-order count it checks grows all
 * run), and from 21 enterprises in turn (intake as a federation sees it); the bare app's one POST figure
 * is the baseline for both. Each server runs in its own process; this process only generates load. Prints requests/s,
 * p50/p99, the ratios to the bare app, and what the in-process consumers still owed after the POST run.
 * Targets: workers on, POST ≥ 0.3× and GET ≥ 0.6× the bare app's requests/s, p99 ≤ 3× the bare app's.
 *   BENCH_SECONDS=10 npm run bench:api
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface, type Interface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** GET of one order; POST from one enterprise (its open-order count grows all run); POST from 21 enterprises in turn. */
const RUNS = ['GET', 'POST', 'POST many'] as const;

type Kind = 'bare' | 'engine' | 'engine-noworkers';

interface Target {
  port: number;
  token: string;
  /** Logins of many other enterprises (the many-enterprise POST run). */
  tokens: string[];
  orderId: string;
  orderBody: Record<string, unknown>;
  child: ChildProcess;
  lines: Interface;
}

async function start(kind: Kind): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-target.ts', kind], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      if (!line.startsWith('{')) return;
      lines.off('line', onLine);
      resolve(line);
    };
    lines.on('line', onLine);
    child.once('exit', () => reject(new Error(`${kind} target exited before listening`)));
  });
  return { ...(JSON.parse(first) as Omit<Target, 'child' | 'lines'>), child, lines };
}

interface SyncStats {
  commits: number;
  syncs: number;
  syncMs: number;
  maxSyncMs: number;
}

/** How the engine's journal commits shared fdatasyncs so far (asked with SIGUSR2). */
async function syncStats(target: Target): Promise<SyncStats | null> {
  const answer = new Promise<string>((resolve) => {
    const onLine = (line: string) => {
      if (!line.startsWith('{"syncStats"')) return;
      target.lines.off('line', onLine);
      resolve(line);
    };
    target.lines.on('line', onLine);
  });
  target.child.kill('SIGUSR2');
  return (JSON.parse(await answer) as { syncStats: SyncStats | null }).syncStats;
}

/** The in-process consumers' backlog of the workers-on engine. */
async function lagOf(target: Target): Promise<Record<string, { pending: number; oldestMs: number | null }>> {
  const answer = new Promise<string>((resolve) => {
    const onLine = (line: string) => {
      if (!line.includes('"lag"')) return;
      target.lines.off('line', onLine);
      resolve(line);
    };
    target.lines.on('line', onLine);
  });
  target.child.stdin!.write('lag\n');
  return (JSON.parse(await answer) as { lag: Record<string, { pending: number; oldestMs: number | null }> }).lag;
}

/** What the consumers owed right after a run, and how long it took to drain (at most 120 s). */
async function drainBacklog(target: Target): Promise<string> {
  const lag = await lagOf(target);
  const owed = Object.entries(lag).map(([name, l]) => `${name} ${l.pending}${l.oldestMs !== null ? ` (oldest ${(l.oldestMs / 1000).toFixed(1)} s)` : ''}`);
  const drainStarted = Date.now();
  while (Date.now() - drainStarted < 120_000) {
    if (Object.values(await lagOf(target)).every((l) => l.pending === 0)) return `${owed.join(', ')}; drained ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the run`;
    await new Promise((r) => setTimeout(r, 500));
  }
  return `${owed.join(', ')}; not drained within 120 s`;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

type Run = 'GET' | 'POST' | 'POST many';

async function load(target: Target, run: Run): Promise<Figures> {
  const postWith = (token: string) => ({ method: 'POST' as const, path: '/api/orders', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(target.orderBody) });
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      run === 'GET'
        ? { method: 'GET', path: `/api/orders/${target.orderId}`, headers: { authorization: `Bearer ${target.token}` } }
        : run === 'POST'
          ? postWith(target.token)
          : // Each request from the next enterprise in turn.
            { ...postWith(target.token), setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${target.tokens[(next += 1) % target.tokens.length]}` } }) },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const row = (name: string, f: Figures) => `${name.padEnd(32)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}`;
const load1 = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const targets: Record<Kind, Target> = { bare: await start('bare'), engine: await start('engine'), 'engine-noworkers': await start('engine-noworkers') };
const label: Record<Kind, string> = { bare: 'bare Express', engine: 'engine, workers on', 'engine-noworkers': 'engine, WORKERS=false' };
try {
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per run, servers in their own processes; load average ${load1()}\n`);
  const results: Record<string, Figures> = {};
  let syncLine = '';
  const backlogLines: string[] = [];
  for (const method of RUNS) {
    // The workers-on engine runs last: the backlog its POST run leaves must not load the other runs.
    for (const kind of ['bare', 'engine-noworkers', 'engine'] as const) {
      // The bare app's POST ignores who posts: its one-enterprise figure stands for both POST runs.
      if (method === 'POST many' && kind === 'bare') {
        results[`${kind} ${method}`] = results['bare POST']!;
        continue;
      }
      await autocannon({ url: `http://127.0.0.1:${targets[kind].port}/healthz`, connections: 10, duration: 1 });
      const syncBefore = method !== 'GET' && kind === 'engine' ? await syncStats(targets[kind]) : null;
      results[`${kind} ${method}`] = await load(targets[kind], method);
      console.log(row(`${label[kind]} ${method}`, results[`${kind} ${method}`]!));
      const syncAfter = syncBefore ? await syncStats(targets[kind]) : null;
      // The backlog a workers-on POST run leaves drains before the next run, so it loads none of them.
      if (syncBefore) backlogLines.push(`${method.padEnd(9)} ${await drainBacklog(targets.engine)}`);
      if (syncBefore && syncAfter) {
        const commits = syncAfter.commits - syncBefore.commits;
        const syncs = syncAfter.syncs - syncBefore.syncs;
        const syncMs = syncAfter.syncMs - syncBefore.syncMs;
        syncLine += `workers-on engine ${method.padEnd(9)} journal: ${commits} commits in ${syncs} fdatasyncs (${(commits / Math.max(syncs, 1)).toFixed(1)} commits per sync), sync latency mean ${(syncMs / Math.max(syncs, 1)).toFixed(2)} ms, max ${syncAfter.maxSyncMs.toFixed(1)} ms; per commit ${(syncMs / Math.max(commits, 1)).toFixed(3)} ms\n`;
      }
    }
  }
  if (syncLine) console.log(`\n${syncLine.trimEnd()}`);
  console.log(`\nworkers-on engine right after each POST run, events owed per consumer, and how long they took to drain:\n${backlogLines.join('\n')}`);
  console.log('\nratios to bare Express:');
  const goals: Record<Run, number> = { GET: 0.6, POST: 0.3, 'POST many': 0.3 };
  let ok = true;
  for (const method of RUNS) {
    const b = results[`bare ${method}`]!;
    for (const kind of ['engine', 'engine-noworkers'] as const) {
      const e = results[`${kind} ${method}`]!;
      const rpsRatio = e.rps / b.rps;
      const p99Ratio = e.p99 / Math.max(b.p99, 1);
      const pass = rpsRatio >= goals[method] && p99Ratio <= 3 && e.non2xx === 0;
      if (kind === 'engine') ok &&= pass;
      console.log(`  ${method.padEnd(9)} ${label[kind].padEnd(22)} throughput ${rpsRatio.toFixed(2)}× (target ≥ ${goals[method]}×)   p99 ${p99Ratio.toFixed(2)}× (target ≤ 3×)   ${kind === 'engine' ? (pass ? 'PASS' : 'MISS') : '(reference)'}`);
    }
  }
  console.log(`\nload average at the end ${load1()}`);
  console.log(ok ? 'workers-on targets met' : 'some workers-on targets missed');
} finally {
  for (const t of Object.values(targets)) t.child.kill('SIGTERM');
}
