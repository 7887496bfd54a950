/**
 * `npm run bench:login`: store-write latency (PATCH a craftsman: a journal write synced to disk) while
 * a flood of wrong-password logins runs, beside the same writes with no logins. Every flood login
 * names a different account from a different address (X-Forwarded-For from loopback is trusted), so
 * the throttle lets each one through to argon2: the flood is what bounded hashing must absorb.
 * Rows: the default HASH_CONCURRENCY=1, then 2, then the same flood with hashing unbounded
 * (HASH_CONCURRENCY=64) to show what the bound buys. Target: p99 during the flood ≤ 2× the quiet p99.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { availableParallelism } from 'node:os';

const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 12);
/** A row stops early after this long (the unbounded row can take minutes otherwise). */
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 60);

interface Target {
  port: number;
  token: string;
  craftsmanId: string;
  child: ChildProcess;
}

async function startTarget(hashConcurrency: number): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/login-flood-target.ts'], {
    env: { ...process.env, HASH_CONCURRENCY: String(hashConcurrency) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as Omit<Target, 'child'>), child };
}

async function stopTarget(target: Target): Promise<void> {
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function writeLatencies(target: Target, count: number): Promise<number[]> {
  const url = `http://127.0.0.1:${target.port}/api/craftsmen/${target.craftsmanId}`;
  const times: number[] = [];
  const deadline = performance.now() + MAX_SECONDS * 1000;
  for (let i = 0; i < count && performance.now() < deadline; i += 1) {
    const started = performance.now();
    const res = await fetch(url, { method: 'PATCH', headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ bio: `压测写入 ${i}` }) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`write answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** `FLOOD` loops of wrong-password logins until stopped; returns how many were answered, by status. */
function flood(target: Target) {
  let running = true;
  const statuses = new Map<number, number>();
  let n = 0;
  const loop = async () => {
    while (running) {
      n += 1;
      const res = await fetch(`http://127.0.0.1:${target.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        body: JSON.stringify({ username: `nobody.${n}`, password: 'wrong-password' }),
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const loops = Array.from({ length: FLOOD }, loop);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return Object.fromEntries(statuses);
    },
  };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function measure(label: string, hashConcurrency: number, withFlood: boolean) {
  const target = await startTarget(hashConcurrency);
  try {
    await writeLatencies(target, 20);
    const running = withFlood ? flood(target) : null;
    if (running) await new Promise((resolve) => setTimeout(resolve, 1_000));
    const started = performance.now();
    const times = await writeLatencies(target, WRITES);
    const seconds = (performance.now() - started) / 1000;
    const logins = running ? await running.stop() : {};
    const answered = Object.values(logins).reduce((a, b) => a + b, 0);
    return { label, writes: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? NaN, logins, loginsPerSecond: answered / seconds };
  } finally {
    await stopTarget(target);
  }
}

console.log(`bench:login — ${WRITES} sequential writes (PATCH /api/craftsmen/:id), flood of ${FLOOD} concurrent bad logins (argon2id 64 MiB), ${availableParallelism()} cores, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`);
const quiet = await measure('writes, no logins (baseline)', 1, false);
const bounded = await measure('during the flood, HASH_CONCURRENCY=1 (default)', 1, true);
const two = await measure('during the flood, HASH_CONCURRENCY=2', 2, true);
const unbounded = await measure('during the flood, hashing unbounded (64)', 64, true);
for (const row of [quiet, bounded, two, unbounded]) {
  const logins = Object.keys(row.logins).length ? `  logins answered ${JSON.stringify(row.logins)} (${row.loginsPerSecond.toFixed(1)}/s)` : '';
  console.log(`${row.label.padEnd(48)} n=${String(row.writes).padStart(3)}  p50 ${fmt(row.p50).padStart(10)}  p99 ${fmt(row.p99).padStart(10)}  max ${fmt(row.max).padStart(10)}  p99 ${(row.p99 / quiet.p99).toFixed(2)}× baseline${logins}`);
}
console.log(`target: p99 during the flood ≤ 2× baseline — ${bounded.p99 <= 2 * quiet.p99 ? 'met' : 'NOT met'} (${(bounded.p99 / quiet.p99).toFixed(2)}×)`);
