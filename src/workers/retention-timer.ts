import type { Logger } from '../logger.js';
import type { PruneReport } from '../services/retention-service.js';

const HOUR_MS = 60 * 60 * 1000;

/** Runs retention at start-up and then every hour; a failed pass is logged and retried at the next one. */
export class RetentionTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: { prune: () => Promise<PruneReport>; logger: Logger },
    private readonly intervalMs = HOUR_MS,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.deps
      .prune()
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) this.deps.logger.info({ pruned: report }, 'retention: pruned finished log entries');
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'retention pass failed; retrying at the next one'))
      .finally(() => {
        this.running = null;
      });
  }
}
