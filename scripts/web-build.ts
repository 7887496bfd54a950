import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const webDir = join(root, 'src/web');
export const distDir = join(webDir, 'dist');

/** The newest modification time of the console's sources (src/web without dist) and the domain modules it imports. */
function newestSource(dir: string, skip: Set<string>): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip.has(path) || entry.name === 'node_modules') continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path, skip) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/index.html is missing or older than any file under src/web (or src/domain, whose schemas it bundles). */
export function webBuildIsStale(): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const skip = new Set([distDir]);
  return newestSource(webDir, skip) > built || newestSource(join(root, 'src/domain'), skip) > built;
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The gzipped size of every JS/CSS file in dist, and the JS the login page loads first (entry + its static imports). */
export function bundleReport(): { chunks: ChunkSize[]; initialJsGzip: number; initialFiles: string[] } {
  const assets = join(distDir, 'assets');
  const chunks: ChunkSize[] = readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const body = readFileSync(join(assets, f));
      return { file: `assets/${f}`, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  // Follow static imports from the entry: what the browser must fetch before the login page can run.
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]!}`);
  };
  for (const e of entries) visit(e);
  const initialFiles = [...initial];
  const initialJsGzip = chunks.filter((c) => initial.has(c.file)).reduce((a, c) => a + c.gzip, 0);
  return { chunks, initialJsGzip, initialFiles };
}

export function printBundleReport(): void {
  const report = bundleReport();
  console.log('控制台打包体积（gzip）:');
  for (const c of report.chunks) console.log(`  ${c.file.padEnd(48)} ${kb(c.bytes).padStart(10)}  gzip ${kb(c.gzip).padStart(9)}${report.initialFiles.includes(c.file) ? '  (登录页首屏)' : ''}`);
  console.log(`  登录页首屏 JS: ${kb(report.initialJsGzip)} gzip（${report.initialFiles.length} 个文件；各页面的传输预算由构建检查，见 src/web/vite.config.ts）`);
}

/** Builds the console with vite's JS API into src/web/dist. */
export async function buildWeb(): Promise<void> {
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn' });
  console.log(`控制台已构建：${relative(root, distDir)}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
}

/**
 * Builds the console when src/web/dist is missing or older than its sources; for `npm start`.
 * Never stops the engine: without vite (a production install without dev dependencies) or on a
 * failed build it warns in zh-CN and returns false, and `/` shows the "not built" page.
 */
export async function ensureWebBuilt(options: { report?: boolean } = {}): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  try {
    await buildWeb();
  } catch (error) {
    console.warn(`控制台构建失败，引擎照常启动（网页控制台暂不可用）：${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  if (options.report ?? true) printBundleReport();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  const run = force || webBuildIsStale() ? buildWeb().then(() => true) : Promise.resolve(false);
  run
    .then((built) => {
      if (!built) console.log('控制台已是最新，无需构建（--force 强制重建）');
      printBundleReport();
    })
    .catch((error: unknown) => {
      console.error('控制台构建失败:', error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
