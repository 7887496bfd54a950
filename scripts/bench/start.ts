/**
 * `npm run bench:start`: start time and memory of the compiled server (`node dist/src/main.js`, what
 * the image runs) beside the same server through tsx (`tsx src/main.ts`, what production ran before),
 * in the same run. Each start is on a fresh empty data directory without demo data, so the figure is
 * the engine's own start: loading modules, opening the store, reference data, listening.
 *
 * - start: from spawn until /readyz answers 200;
 * - RSS: resident memory after start and after a short burst of requests, of the whole process tree
 *   (tsx runs the server in a child node process beside its own);
 * - tsx cold: tsx's transform cache emptied first, as in a fresh container.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Variant {
  name: string;
  command: string[];
  /** A fresh TMPDIR empties tsx's transform cache (it lives under the temp directory). */
  coldCache?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'compiled (node dist/src/main.js)', command: [process.execPath, 'dist/src/main.js'] },
  { name: 'tsx warm cache (tsx src/main.ts)', command: [join(root, 'node_modules/.bin/tsx'), 'src/main.ts'] },
  { name: 'tsx cold cache (fresh container)', command: [join(root, 'node_modules/.bin/tsx'), 'src/main.ts'], coldCache: true },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The pid and every descendant's pid, from /proc. */
function processTree(pid: number): number[] {
  const all = [pid];
  for (const task of safeList(`/proc/${pid}/task`)) {
    const children = safeRead(`/proc/${pid}/task/${task}/children`).trim();
    for (const child of children ? children.split(/\s+/).map(Number) : []) all.push(...processTree(child));
  }
  return all;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(safeRead(`/proc/${pid}/status`))?.[1] ?? 0);

interface Sample {
  startMs: number;
  rssMb: number;
  rssAfterLoadMb: number;
  processes: number;
}

async function startOnce(variant: Variant): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jx-bench-start-'));
  const tmp = variant.coldCache ? mkdtempSync(join(tmpdir(), 'jx-bench-tmp-')) : tmpdir();
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(variant.command[0]!, variant.command.slice(1), {
    cwd: root,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, TMPDIR: tmp, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false', JWT_SECRET: 'bench-secret-0123456789abcdef0123456789', LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}`);
      if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
      if (performance.now() - started > 120_000) throw new Error(`${variant.name} not ready in 120 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const startMs = performance.now() - started;
    const tree = () => processTree(child.pid!);
    const rssMb = tree().reduce((sum, pid) => sum + rssKb(pid), 0) / 1024;
    // A short burst through the real stack: the OpenAPI document, a 401 and probes.
    for (let i = 0; i < 200; i += 1) {
      await Promise.all([fetch(`${url}/api/openapi.json`).then((r) => r.arrayBuffer()), fetch(`${url}/api/orders`).then((r) => r.arrayBuffer()), fetch(`${url}/readyz`).then((r) => r.arrayBuffer())]);
    }
    const pids = tree();
    return { startMs, rssMb, rssAfterLoadMb: pids.reduce((sum, pid) => sum + rssKb(pid), 0) / 1024, processes: pids.length };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    rmSync(dataDir, { recursive: true, force: true });
    if (variant.coldCache) rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  console.log(`启动时间与内存（每种 ${RUNS} 次取中位数；空数据目录，不写演示数据；RSS 为整个进程树）`);
  const rows: Array<{ name: string } & Sample> = [];
  for (const variant of VARIANTS) {
    // A warm-up start (not counted) so the compiled run and the warm tsx run both start from a warm file cache.
    if (!variant.coldCache) await startOnce(variant);
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i += 1) samples.push(await startOnce(variant));
    const row = {
      name: variant.name,
      startMs: median(samples.map((s) => s.startMs)),
      rssMb: median(samples.map((s) => s.rssMb)),
      rssAfterLoadMb: median(samples.map((s) => s.rssAfterLoadMb)),
      processes: median(samples.map((s) => s.processes)),
    };
    rows.push(row);
    console.log(`  ${row.name.padEnd(36)} 启动 ${(row.startMs / 1000).toFixed(2).padStart(6)} s   RSS ${row.rssMb.toFixed(0).padStart(4)} MB   请求后 ${row.rssAfterLoadMb.toFixed(0).padStart(4)} MB   进程数 ${row.processes}   (各次启动: ${samples.map((s) => (s.startMs / 1000).toFixed(2)).join(' / ')} s)`);
  }
  const [compiled, warm, cold] = rows;
  if (compiled && warm && cold) {
    console.log(`编译版相对 tsx：启动 ${(compiled.startMs / warm.startMs).toFixed(2)}×（热缓存）/ ${(compiled.startMs / cold.startMs).toFixed(2)}×（冷缓存），内存 ${(compiled.rssAfterLoadMb / warm.rssAfterLoadMb).toFixed(2)}×`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
