import { loadConfigOrExit } from './config.js';
import { buildEngine } from './engine.js';
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
  engine.logger.info({ queue: engine.queue.adapter, consumers: engine.consumers.map((c) => c.name) }, 'jiangxin worker running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal }, 'worker stopping: finishing running jobs');
    await engine.close();
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  exitOnUnknownState(engine.logger, () => stop('unhandledRejection'));
}

main().catch((error: unknown) => {
  console.error('Jiangxin worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
