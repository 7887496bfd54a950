import { UnavailableError } from '../errors.js';
import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Queue } from '../ports/queue.js';
import type { Store } from '../ports/store.js';
import type { EventConsumer } from './event-consumer.js';

export interface RelayDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  consumers: EventConsumer[];
}

const BATCH = 500;
const CHUNK = 100;

/**
 * Hands pending outbox events to each consumer's queue, then marks them sent. The event id is the
 * job id, so a crash between enqueue and mark re-enqueues nothing new. While the queue is down the
 * events simply stay pending and go out, in order, once it answers again.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;
  private downSince: number | null = null;

  constructor(
    private readonly deps: RelayDeps,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a pass soon (after a write that recorded events). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.running) return;
    let published = 0;
    this.running = this.drain();
    try {
      published = await this.running;
    } finally {
      this.running = null;
    }
    const more = published === BATCH || this.again;
    this.again = false;
    this.schedule(more ? 0 : this.downSince ? 1_000 : this.intervalMs);
  }

  /** Publishes one batch; returns how many events were marked sent. Exposed for tests and scripts. */
  async drain(): Promise<number> {
    const outbox = this.deps.store.collection<DomainEvent>('outbox');
    const pending = await outbox.find({ status: 'pending' }, { sort: { occurredAt: 1, _id: 1 }, limit: BATCH });
    let sent = 0;
    // Events of one chunk are enqueued concurrently (ioredis pipelines them); consumers never relied on
    // cross-event order, since each consumer queue runs with concurrency anyway.
    for (let i = 0; i < pending.length; i += CHUNK) {
      const chunk = pending.slice(i, i + CHUNK);
      const results = await Promise.allSettled(chunk.map((event) => this.publish(event)));
      const ok = chunk.filter((_, k) => results[k]?.status === 'fulfilled').map((e) => e._id);
      if (ok.length > 0) await outbox.updateMany({ _id: { $in: ok }, status: 'pending' }, { $set: { status: 'sent', publishedAt: this.deps.clock.now().toISOString() } });
      sent += ok.length;
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) {
        const error: unknown = failure.reason;
        if (!(error instanceof UnavailableError)) this.deps.logger.error({ err: error }, 'outbox relay: enqueue failed');
        else if (this.downSince === null) this.deps.logger.warn({ err: error }, 'outbox relay: queue unavailable, events wait in the outbox');
        this.downSince ??= Date.now();
        return sent;
      }
    }
    if (this.downSince !== null) {
      this.deps.logger.info({ downMs: Date.now() - this.downSince }, 'outbox relay: queue is back');
      this.downSince = null;
    }
    return sent;
  }

  private async publish(event: DomainEvent): Promise<void> {
    await Promise.all(
      this.deps.consumers
        .filter((consumer) => consumer.wants(event.type))
        .map((consumer) =>
          this.deps.queue.enqueue(consumer.name, { id: event._id, name: event.type, data: event, attempts: consumer.attempts ?? 5, backoff: { type: 'exponential', delayMs: 500 } }),
        ),
    );
  }

  /** Runs passes until nothing is pending (tests, shutdown). */
  async flush(): Promise<void> {
    while ((await this.drain()) > 0) {
      // keep going
    }
  }
}

/** Starts a worker per consumer on its queue. */
export async function startConsumers(queue: Queue, consumers: EventConsumer[]): Promise<void> {
  for (const consumer of consumers) {
    await queue.process<DomainEvent>(consumer.name, (job) => consumer.handle(job.data), { concurrency: consumer.concurrency ?? 32 });
  }
}
