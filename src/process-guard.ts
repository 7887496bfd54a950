import type { Logger } from './logger.js';

/**
 * Every loop of the engine catches and retries its own errors, so a rejection nobody handled means a
 * state nobody knows: log it, stop cleanly (stored work is re-driven at the next start) and exit
 * non-zero so the supervisor restarts the process. A stop that hangs is cut short after 15 s.
 */
export function exitOnUnknownState(logger: Logger, stop: () => Promise<void>): void {
  let failing = false;
  const fail = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error, kind }, 'unhandled failure: stopping so a supervisor restarts this process');
    if (failing) return;
    failing = true;
    process.exitCode = 1;
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    stop()
      .catch((stopError: unknown) => logger.error({ err: stopError }, 'stopping after an unhandled failure failed'))
      .finally(() => process.exit(1));
  };
  process.on('unhandledRejection', fail('unhandledRejection'));
  process.on('uncaughtException', fail('uncaughtException'));
}
