import { loadConfigOrExit } from './config.js';
import { buildEngine, exitIfDataDirLocked } from './engine.js';
import { serveMetrics } from './http/metrics-server.js';
import { exitOnUnknownState } from './process-guard.js';

/**
 * `npm run worker`: the queue workers alone (outbox relay, notifications, indexer, SLA timers), so
 * production scales API and workers separately against one Redis and one database.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const engine = await buildEngine(config);
  if (engine.queue.adapter === 'inline') engine.logger.warn('worker on the in-process queue only sees events written by this process; set REDIS_URL to share work with API processes');
  // Alone in its process, the pipeline may take the whole event loop.
  await engine.startWorkers({ share: 1 });
  // The worker serves no HTTP; its counters (deliveries sent and failed) are scraped on METRICS_PORT.
  const metricsServer = config.metricsPort === undefined ? null : await serveMetrics({ registry: engine.metrics.registry, port: config.metricsPort, host: config.host });
  engine.logger.info({ queue: engine.queue.adapter, consumers: engine.consumers.map((c) => c.name) }, 'jiangxin worker running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal }, 'worker stopping: finishing running jobs');
    metricsServer?.close();
    await engine.close();
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  exitOnUnknownState(engine.logger, () => stop('unhandledRejection'));
}

main().catch((error: unknown) => {
  exitIfDataDirLocked(
    error,
    '内嵌存储只允许一个进程使用：API 进程默认已在进程内运行全部 worker（WORKERS=true）。若要单独扩展 worker，请配置 MONGODB_URI 与 REDIS_URL 后再运行 npm run worker。' +
      ' / The embedded store allows one process: the API already runs every worker in-process (WORKERS=true). To scale workers separately, set MONGODB_URI and REDIS_URL, then run npm run worker.',
  );
  console.error('Jiangxin worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
