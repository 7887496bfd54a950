/**
 * `npm run reindex`: rebuilds the search indexes from the store with a progress bar, then swaps the
 * new indexes in (Meilisearch: swapIndexes; embedded: build then swap), so searches never see a
 * half-built index. With the embedded search the index lives in the engine's memory, which rebuilds
 * it at every start; this script then checks that a rebuild from the store works and how long it takes.
 */
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../src/config.js';
import { buildEngine, exitIfDataDirLocked } from '../src/engine.js';

try {
  const config = loadConfig({ ...process.env, SEED_DEMO: 'false' });
  const engine = await buildEngine(config);
  const started = Date.now();
  const progress: { bar: cliProgress.SingleBar | null } = { bar: null };
  let current = '';
  const result = await engine.services.search.rebuildAll(({ index, indexed, total }) => {
    if (index !== current) {
      progress.bar?.stop();
      current = index;
      progress.bar = new cliProgress.SingleBar({ format: ` ${index.padEnd(9)} |{bar}| {value}/{total}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 1_000 }, cliProgress.Presets.shades_classic);
      progress.bar.start(Math.max(total, 1), 0);
    }
    progress.bar?.update(Math.min(indexed, Math.max(total, 1)));
  });
  progress.bar?.stop();
  console.log(`重建完成（${engine.search.adapter}）：劳模工匠 ${result.craftsmen} 条，需求 ${result.orders} 条，工作室 ${result.studios} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await engine.close();
} catch (error) {
  exitIfDataDirLocked(
    error,
    '引擎正在运行：内嵌搜索索引在引擎内存中，每次启动时都会从存储重建；如需现在重建，请以管理员身份调用运行中引擎的 POST /api/admin/reindex。' +
      ' / The engine is running: its embedded search index lives in its memory and is rebuilt at every start; to rebuild it now, call POST /api/admin/reindex on the running engine as an admin.',
  );
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
