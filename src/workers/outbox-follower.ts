import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Logger } from '../logger.js';
import type { Store } from '../ports/store.js';
import type { EventFollower } from './event-consumer.js';

export interface FollowerOptions {
  /**
   * Whether other processes write to this store (MongoDB shared by API and worker processes): then
   * the outbox is polled for their events. The embedded store has one owning process, whose own
   * writes are all pushed here as they are recorded.
   */
  sharedStore: boolean;
  /** How often the outbox is polled when shared (freshness target is 5 s). */
  pollMs?: number;
  /**
   * How far back each poll looks again: a transaction that started earlier may commit its events
   * after later ones are visible, so the cursor trails the newest event by this much.
   */
  overlapMs?: number;
}

/**
 * Keeps what this process holds in memory (the candidate index, an embedded search index) current in
 * every process that serves requests, whether or not it runs the workers. It hears this process's
 * own events as they are recorded, and when the store is shared also polls the outbox for the events
 * of other processes. At start-up the memory is built from the store, so following starts from now.
 */
export class OutboxFollower {
  private buffer: DomainEvent[] = [];
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cursor: string;
  /** Ids seen within the overlap window, so a polled event is applied once here. */
  private seen = new Map<string, string>();
  /** The context of construction, outside any transaction (push() is called inside the recording one). */
  private readonly outside = AsyncLocalStorage.snapshot();
  private readonly pollMs: number;
  private readonly overlapMs: number;

  constructor(
    private readonly deps: { store: Store; logger: Logger; followers: EventFollower[] },
    private readonly options: FollowerOptions,
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.overlapMs = options.overlapMs ?? 10_000;
    this.cursor = new Date(Date.now() - this.overlapMs).toISOString();
  }

  /** Events this process just recorded (called inside the recording transaction, applied after it). */
  push(events: readonly DomainEvent[]): void {
    const wanted = events.filter((e) => this.deps.followers.some((f) => f.wants(e.type)));
    if (wanted.length === 0) return;
    if (this.options.sharedStore) for (const e of wanted) this.seen.set(e._id, e.occurredAt);
    this.buffer.push(...wanted);
    // After the current task, so the recording transaction has committed before the store is read back.
    if (!this.draining) this.outside(() => setImmediate(() => void this.drain()));
  }

  start(): void {
    if (!this.options.sharedStore) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Applies what is buffered; resolves when the buffer is empty (tests wait on it). */
  drain(): Promise<void> {
    if (this.draining) return this.draining;
    if (this.buffer.length === 0) return Promise.resolve();
    // `.finally` runs after this assignment even when applying finishes at once.
    this.draining = this.applyBuffered().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async applyBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer;
      this.buffer = [];
      for (const follower of this.deps.followers) {
        const mine = batch.filter((e) => follower.wants(e.type));
        if (mine.length === 0) continue;
        try {
          await follower.apply(mine);
        } catch (error) {
          // Memory stays a little stale until the next event or restart; the process serves on.
          this.deps.logger.error({ err: error, follower: follower.name, events: mine.length }, 'outbox follower: applying events failed');
        }
      }
    }
  }

  /** One look at the shared outbox for events of other processes. */
  async poll(): Promise<number> {
    try {
      const since = this.cursor;
      const events = await this.deps.store.collection<DomainEvent>('outbox').find({ occurredAt: { $gte: since } }, { sort: { occurredAt: 1, _id: 1 }, limit: 2_000 });
      const fresh = events.filter((e) => !this.seen.has(e._id));
      for (const e of fresh) this.seen.set(e._id, e.occurredAt);
      const newest = events.at(-1)?.occurredAt;
      if (newest) {
        // A full page moves the cursor to its end; otherwise it trails the newest by the overlap.
        const trailing = new Date(new Date(newest).getTime() - this.overlapMs).toISOString();
        this.cursor = events.length === 2_000 ? newest : trailing > since ? trailing : since;
        for (const [id, at] of this.seen) if (at < this.cursor) this.seen.delete(id);
      }
      const wanted = fresh.filter((e) => this.deps.followers.some((f) => f.wants(e.type)));
      this.buffer.push(...wanted);
      await this.drain();
      return wanted.length;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'outbox follower: polling the outbox failed; will retry');
      return 0;
    }
  }
}
