// `npm run build`: the server compiled to JavaScript in dist/ and the console built into dist/src/web/dist.
// `npm start` runs it with --if-stale first, so a fresh clone still starts with one command.
//
// Plain JavaScript on purpose: `npm start` in a production install (no tsx, no TypeScript) must still
// be able to decide "nothing to build" and go on to `node dist/src/main.js`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist');
const stamp = join(out, '.build-stamp');
const webDir = join(root, 'src/web');
// The console is built straight next to the compiled engine, never into src/web/dist: that one belongs to
// development (`npm run build:web`, the browser tests), and two builds writing one directory would collide.
const webOut = join(out, 'src/web/dist');

/** Files the server build reads besides the TypeScript tsc follows from the entry points. */
const DATA_FILES = ['seeds/gb2260-regions.json', 'seeds/skill-taxonomy.json'];

function newest(path, skip) {
  if (!existsSync(path) || skip.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') max = Math.max(max, newest(join(path, entry), skip));
  return max;
}

/** The build is stale when any source is newer than the last build's stamp. A copy without sources is never stale. */
function serverIsStale() {
  if (!existsSync(stamp)) return existsSync(join(root, 'src/main.ts')) || !existsSync(join(out, 'src/main.js'));
  const built = statSync(stamp).mtimeMs;
  const skip = new Set([join(webDir, 'dist')]);
  return ['src', 'seeds', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].some((p) => newest(join(root, p), skip) > built);
}

function webIsStale() {
  const index = join(webOut, 'index.html');
  if (!existsSync(webDir) || !existsSync(join(webDir, 'index.html'))) return false;
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newest(webDir, new Set([join(webDir, 'dist')])) > built || newest(join(root, 'src/domain'), new Set()) > built;
}

function compileServer() {
  const require = createRequire(import.meta.url);
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    throw new Error('未找到 TypeScript：构建需要开发依赖（npm ci，不带 --omit=dev）');
  }
  // A fresh dist/ (no output of deleted sources), keeping a console build that is still current.
  const keptConsole = `${out}-console`;
  rmSync(keptConsole, { recursive: true, force: true });
  if (existsSync(webOut)) renameSync(webOut, keptConsole);
  rmSync(out, { recursive: true, force: true });
  if (existsSync(keptConsole)) {
    mkdirSync(join(out, 'src/web'), { recursive: true });
    renameSync(keptConsole, webOut);
  }
  // Types are checked by `npm run typecheck`; the build only emits, which keeps `npm start` on a fresh clone quick.
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc 编译失败（退出码 ${result.status}）`);
  for (const file of DATA_FILES) cpSync(join(root, file), join(out, file));
}

async function buildConsole() {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error('未找到 vite：构建控制台需要开发依赖（npm ci，不带 --omit=dev）');
  }
  await vite.build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn', build: { outDir: webOut, emptyOutDir: true } });
}

export async function build({ ifStale = false } = {}) {
  const started = performance.now();
  const server = !ifStale || serverIsStale();
  const web = !ifStale || webIsStale();
  if (!server && !web) return false;
  if (server) compileServer();
  if (web) await buildConsole();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.log(`已构建：${[server && '服务端 dist/', web && '控制台'].filter(Boolean).join('、')}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build({ ifStale: process.argv.includes('--if-stale') }).catch((error) => {
    console.error('构建失败:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
