import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadConfigOrExit } from './config.js';

/**
 * What the server answers while the engine is still being built (modules loading, the store loading a
 * province's data into memory): alive on /healthz, not ready on /readyz, 503 with Retry-After elsewhere.
 * Liveness must not wait for work that grows with the data, or an orchestrator kills a healthy start.
 */
function whileStarting(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0];
  const send = (status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(status === 503 ? { 'retry-after': '5' } : {}) });
    res.end(JSON.stringify(body));
  };
  if (path === '/healthz') return send(200, { status: 'ok' });
  if (path === '/readyz') return send(503, { status: 'starting', ports: {} });
  send(503, { error: { code: 'SERVICE_UNAVAILABLE', message: '服务正在启动，请稍候再试' } });
}

/** Starts the engine: config, adapters, demo data on an empty store, HTTP, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();

  // Listen first, before the engine's modules load: /healthz answers within a second whatever the data size.
  const server: Server = createServer(whileStarting);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const [{ seedDemoIfEmpty }, { ensureFirstAdmin }, { buildEngine }, { serveMetrics }, { exitOnUnknownState }] = await Promise.all([
    import('./bootstrap/demo-seed.js'),
    import('./bootstrap/first-admin.js'),
    import('./engine.js'),
    import('./http/metrics-server.js'),
    import('./process-guard.js'),
  ]);

  const engine = await buildEngine(config);
  const { logger } = engine;
  const seeded = config.seedDemo ? await seedDemoIfEmpty(engine, config.demoPassword) : null;
  // After the demo data (which brings its own admin), so a demo store never gets a second one.
  const firstAdmin = await ensureFirstAdmin(engine.services, config.initialAdmin, logger);
  if (config.workers) await engine.startWorkers();
  else if (engine.queue.adapter === 'inline') logger.warn('WORKERS=false with the in-process queue: nothing will process events; run workers here or set REDIS_URL and run `npm run worker`');

  // The engine takes over the listening server (connections kept alive move with it).
  server.removeListener('request', whileStarting);
  server.on('request', engine.app);
  const metricsServer = config.metricsPort === undefined ? null : await serveMetrics({ registry: engine.metrics.registry, port: config.metricsPort, host: config.host });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const { outbox: _outbox, ...ports } = await engine.readiness();
  logger.info({ port, adapters: Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, v.adapter])) }, 'jiangxin listening');
  console.log(`\n匠心 Jiangxin 已启动: http://localhost:${port}  (API 文档 http://localhost:${port}/docs)`);
  console.log(`适配器: ${Object.entries(ports).map(([k, v]) => `${k}=${v.adapter}`).join(', ')}  数据目录: ${config.mongodbUri ? '(MongoDB)' : config.dataDir}`);
  if (seeded) {
    console.log(`已写入演示数据: ${seeded.enterprises} 家企业, ${seeded.craftsmen} 位劳模工匠, ${seeded.orders} 条需求`);
    console.log(`演示账号 (密码 ${config.demoPassword === 'jiangxin-demo' ? 'jiangxin-demo' : '见 DEMO_PASSWORD'}): ${seeded.accounts.join(', ')}\n`);
  }

  if (firstAdmin === 'created') console.log(`已创建首个系统管理员：${config.initialAdmin?.username ?? ''}（密码即 ADMIN_PASSWORD，登录后请在控制台修改）\n`);
  if (firstAdmin === 'missing') console.log('尚无系统管理员：请设置 ADMIN_USERNAME 与 ADMIN_PASSWORD（至少 12 位）后重启，或停止服务后运行 npm run admin:create\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    metricsServer?.close();
    await engine.close();
    logger.info('stopped cleanly');
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  exitOnUnknownState(logger, () => stop('unhandledRejection'));
}

main().catch(async (error: unknown) => {
  const { exitIfDataDirLocked } = await import('./engine.js');
  exitIfDataDirLocked(error, '请先停止正在运行的引擎，或为本进程设置另一个 DATA_DIR。 / Stop the running engine first, or give this process another DATA_DIR.');
  console.error('Jiangxin failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
