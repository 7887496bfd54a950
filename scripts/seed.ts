/**
 * `npm run seed`: writes the Qiannan demo data into the configured store (DATA_DIR or MONGODB_URI).
 * A store that already has data is left alone unless `--force` is given.
 *
 * `npm run seed -- --synthetic 100000 --orders 1000000 --records 3000000 [--seed 1]`: instead writes a
 * province-sized synthetic data set (see src/bootstrap/synthetic-seed.ts) into an empty store, with a
 * progress bar; the same numbers and seed give the same data.
 */
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../src/config.js';
import { seedDemoIfEmpty } from '../src/bootstrap/demo-seed.js';
import { seedSynthetic, type SeedProgress, type SyntheticSize } from '../src/bootstrap/synthetic-seed.js';
import { buildEngine, exitIfDataDirLocked } from '../src/engine.js';

const PHASES: Record<string, string> = { craftsmen: '劳模工匠', enterprises: '企业', orders: '需求单', serviceRecords: '服务记录', rollups: '统计汇总' };

/** `--name N` as a whole number (underscores and commas allowed: 1_000_000), or the fallback. */
function sizeArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number((process.argv[at + 1] ?? '').replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} 需要一个非负整数 / --${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

function syntheticSize(): SyntheticSize | null {
  if (!process.argv.includes('--synthetic')) return null;
  const craftsmen = sizeArg('synthetic', 10_000);
  const orders = sizeArg('orders', craftsmen * 10);
  return { craftsmen, orders, records: sizeArg('records', orders * 3), seed: sizeArg('seed', 1) };
}

function progressBar(): SeedProgress & { stop(): void } {
  const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total} ({percentage}%) {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 }, cliProgress.Presets.shades_classic);
  let running = false;
  return {
    phase(name, total) {
      if (running) bar.stop();
      bar.start(total, 0, { phase: (PHASES[name] ?? name).padEnd(4, '　') });
      running = true;
    },
    advance(by) {
      bar.increment(by);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

try {
  const config = loadConfig();
  if (config.env === 'production') {
    console.error('NODE_ENV=production：生产环境从不写入演示数据和演示账号（首个管理员由 ADMIN_USERNAME、ADMIN_PASSWORD 创建）');
    process.exit(2);
  }
  const size = syntheticSize();
  const engine = await buildEngine(config, { bulkLoad: size !== null });
  const started = Date.now();
  if (size) {
    const bar = progressBar();
    const summary = await seedSynthetic(engine.store, size, bar).finally(() => bar.stop());
    const closing = Date.now();
    await engine.close();
    console.log(`已写入合成数据（${summary.seconds.toFixed(1)} s，保存快照 ${((Date.now() - closing) / 1000).toFixed(1)} s）：${summary.craftsmen} 位劳模工匠，${summary.enterprises} 家企业，${summary.orders} 条需求，${summary.records} 条服务记录，${summary.rollupBuckets} 个统计汇总（种子 ${size.seed}）`);
  } else {
    const summary = await seedDemoIfEmpty(engine, config.demoPassword, { force: process.argv.includes('--force') });
    await engine.relay.flush();
    await engine.close();
    if (!summary) {
      console.log('存储中已有数据，未写入演示数据（如需追加，请使用 npm run seed -- --force）');
    } else {
      console.log(`已写入演示数据（${((Date.now() - started) / 1000).toFixed(1)} s）：${summary.enterprises} 家企业，${summary.craftsmen} 位劳模工匠，${summary.orders} 条需求`);
      console.log(`演示账号：${summary.accounts.join(', ')}（密码 ${config.demoPassword === 'jiangxin-demo' ? 'jiangxin-demo' : '见 DEMO_PASSWORD'}）`);
    }
  }
} catch (error) {
  exitIfDataDirLocked(
    error,
    '引擎运行时不能从外部写入演示数据：请先停止引擎再运行 npm run seed（空数据目录上 npm start 会自动写入演示数据）。' +
      ' / Demo data cannot be written beside a running engine: stop it first, then run npm run seed (npm start seeds an empty data directory by itself).',
  );
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
