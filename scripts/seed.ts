/**
 * `npm run seed`: writes the Qiannan demo data into the configured store (DATA_DIR or MONGODB_URI).
 * A store that already has data is left alone unless `--force` is given.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { seedDemoIfEmpty } from '../src/bootstrap/demo-seed.js';
import { buildEngine, exitIfDataDirLocked } from '../src/engine.js';

try {
  const config = loadConfig();
  if (config.env === 'production') {
    console.error('NODE_ENV=production：生产环境从不写入演示数据和演示账号（首个管理员由 ADMIN_USERNAME、ADMIN_PASSWORD 创建）');
    process.exit(2);
  }
  const engine = await buildEngine(config);
  const started = Date.now();
  const summary = await seedDemoIfEmpty(engine, config.demoPassword, { force: process.argv.includes('--force') });
  await engine.relay.flush();
  await engine.close();
  if (!summary) {
    console.log('存储中已有数据，未写入演示数据（如需追加，请使用 npm run seed -- --force）');
  } else {
    console.log(`已写入演示数据（${((Date.now() - started) / 1000).toFixed(1)} s）：${summary.enterprises} 家企业，${summary.craftsmen} 位劳模工匠，${summary.orders} 条需求`);
    console.log(`演示账号：${summary.accounts.join(', ')}（密码 ${config.demoPassword === 'jiangxin-demo' ? 'jiangxin-demo' : '见 DEMO_PASSWORD'}）`);
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
