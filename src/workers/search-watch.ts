import type { Logger } from '../logger.js';
import type { SearchPort } from '../ports/search.js';
import type { SearchService } from '../services/search-service.js';

/**
 * Watches the search backend. While it is down, writes go on and searches answer from the store;
 * when it answers again, the indexes are rebuilt from the store so nothing written meanwhile is missing.
 */
export class SearchWatch {
  private timer: NodeJS.Timeout | null = null;
  private wasUp = true;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly deps: { search: SearchPort; service: SearchService; logger: Logger },
    private readonly intervalMs = 5_000,
  ) {}

  start(initiallyUp: boolean): void {
    this.wasUp = initiallyUp;
    this.timer = setInterval(() => void this.look(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * One look at the backend; rebuilds after an outage. A caller that asks while a look is under way
   * waits for it and then looks again: the running look may have pinged before the caller's change
   * (an outage or a recovery it has just seen), and its answer would be stale.
   */
  async check(): Promise<void> {
    while (this.checking) await this.checking;
    return this.look();
  }

  private look(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const up = await this.deps.search.ping().catch(() => false);
        if (up && !this.wasUp) {
          this.deps.logger.info({ adapter: this.deps.search.adapter }, 'search backend is back: rebuilding indexes from the store');
          await this.deps.search.connect();
          const result = await this.deps.service.rebuildAll();
          this.deps.logger.info(result, 'search indexes caught up');
        } else if (!up && this.wasUp) {
          this.deps.logger.warn({ adapter: this.deps.search.adapter }, 'search backend unavailable: searches answer from the store (degraded)');
        }
        this.wasUp = up;
      } catch (error) {
        this.deps.logger.error({ err: error }, 'search watch: catching up failed; will retry');
        this.wasUp = false;
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
