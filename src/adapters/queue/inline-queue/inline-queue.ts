import { UnavailableError } from '../../../errors.js';
import {
  UnrecoverableJobError,
  assertQueueAndJobId,
  type FailedJob,
  type JobCounts,
  type JobHandler,
  type JobSpec,
  type ProcessOptions,
  type Queue,
} from '../../../ports/queue.js';
import { NamedQueue, first, type InlineJob } from './named-queue.js';
import { retryDelayMs } from './retry-delay.js';

export interface InlineQueueOptions {
  /** Completed jobs kept (per queue) so that their ids stay idempotent: at most `count`, none older than `ageMs`. */
  completedRetention?: { count: number; ageMs: number };
  /** Failed jobs kept per queue (the oldest are forgotten first). */
  failedRetention?: { count: number };
}

const DEFAULT_COMPLETED = { count: 10_000, ageMs: 24 * 3600_000 };
const DEFAULT_FAILED = { count: 10_000 };

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The default queue: jobs live in this process. Delays and backoffs are unref'd timers, so they do
 * not keep the process alive, and they do not survive a restart — timers the engine depends on are
 * re-derived from stored state at start-up.
 */
export class InlineQueue implements Queue {
  readonly adapter = 'inline';
  private readonly queues = new Map<string, NamedQueue>();
  private readonly running = new Set<Promise<void>>();
  private readonly completedRetention: { count: number; ageMs: number };
  private readonly failedRetention: { count: number };
  private state: 'new' | 'open' | 'closing' | 'closed' = 'new';

  constructor(options: InlineQueueOptions = {}) {
    this.completedRetention = options.completedRetention ?? DEFAULT_COMPLETED;
    this.failedRetention = options.failedRetention ?? DEFAULT_FAILED;
  }

  async connect(): Promise<void> {
    if (this.state === 'new') this.state = 'open';
  }

  async ping(): Promise<boolean> {
    return this.state === 'open';
  }

  async enqueue<T>(queue: string, spec: JobSpec<T>): Promise<boolean> {
    assertQueueAndJobId(queue, spec.id);
    this.assertOpen();
    const q = this.named(queue);
    this.pruneCompleted(q);
    if (q.jobs.has(spec.id)) return false;
    const job: InlineJob = {
      id: spec.id,
      name: spec.name,
      json: JSON.stringify(spec.data ?? null),
      attempts: Math.max(1, Math.floor(spec.attempts ?? 1)),
      backoff: spec.backoff,
      attemptsMade: 0,
      state: 'waiting',
    };
    q.jobs.set(job.id, job);
    this.schedule(q, job, spec.delayMs ?? 0);
    return true;
  }

  async process<T = unknown>(queue: string, handler: JobHandler<T>, options: ProcessOptions): Promise<void> {
    assertQueueAndJobId(queue);
    this.assertOpen();
    const q = this.named(queue);
    if (q.handler) throw new Error(`queue ${queue} already has a handler in this process`);
    q.handler = { fn: handler as JobHandler, concurrency: Math.max(1, Math.floor(options.concurrency)) };
    this.schedulePump(q);
  }

  async failed(queue: string, options: { limit: number }): Promise<FailedJob[]> {
    const q = this.named(queue);
    const ids = [...q.failed].reverse().slice(0, Math.max(0, options.limit));
    return ids.flatMap((id) => {
      const job = q.jobs.get(id);
      return job ? [{ id, name: job.name, data: JSON.parse(job.json) as unknown, reason: job.reason ?? '', attempts: job.attemptsMade }] : [];
    });
  }

  async retry(queue: string, id: string): Promise<boolean> {
    this.assertOpen();
    const q = this.named(queue);
    const job = q.jobs.get(id);
    if (!job || job.state !== 'failed') return false;
    q.failed.delete(id);
    job.attemptsMade = 0;
    job.reason = undefined;
    job.finishedAt = undefined;
    this.schedule(q, job, 0);
    return true;
  }

  async counts(queue: string): Promise<JobCounts> {
    const q = this.named(queue);
    this.pruneCompleted(q);
    return { waiting: q.waiting.size, delayed: q.delayed.size, active: q.active, completed: q.completed.size, failed: q.failed.size };
  }

  async remove(queue: string, id: string): Promise<boolean> {
    const q = this.named(queue);
    const job = q.jobs.get(id);
    if (!job || job.state === 'active') return false;
    q.drop(job);
    this.notifyIdle(q);
    return true;
  }

  onIdle(queue: string): Promise<void> {
    const q = this.named(queue);
    if (q.isIdle()) return Promise.resolve();
    return new Promise((resolve) => q.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closing';
    for (const q of this.queues.values()) {
      for (const job of q.jobs.values()) if (job.timer) clearTimeout(job.timer);
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    this.state = 'closed';
  }

  private named(queue: string): NamedQueue {
    let q = this.queues.get(queue);
    if (!q) {
      q = new NamedQueue(queue);
      this.queues.set(queue, q);
    }
    return q;
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new UnavailableError('任务队列（未连接或已关闭）');
  }

  /** Puts a job in line now, or after `delayMs` on an unref'd timer. */
  private schedule(q: NamedQueue, job: InlineJob, delayMs: number): void {
    if (delayMs <= 0) {
      job.state = 'waiting';
      q.waiting.add(job.id);
      this.schedulePump(q);
      return;
    }
    job.state = 'delayed';
    q.delayed.add(job.id);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      q.delayed.delete(job.id);
      this.schedule(q, job, 0);
    }, delayMs);
    job.timer.unref();
  }

  /** Starts jobs on a later turn, so that enqueue() returns before a handler runs. */
  private schedulePump(q: NamedQueue): void {
    if (q.pumpScheduled || !q.handler) return;
    q.pumpScheduled = true;
    setImmediate(() => {
      q.pumpScheduled = false;
      this.pump(q);
    });
  }

  private pump(q: NamedQueue): void {
    const handler = q.handler;
    if (!handler || this.state !== 'open') return;
    while (q.active < handler.concurrency) {
      const id = first(q.waiting);
      if (id === undefined) break;
      q.waiting.delete(id);
      const job = q.jobs.get(id);
      if (!job) continue;
      job.state = 'active';
      q.active += 1;
      const run = this.run(q, job, handler.fn).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  private async run(q: NamedQueue, job: InlineJob, fn: JobHandler): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      await fn({ id: job.id, name: job.name, data: JSON.parse(job.json) as unknown, attempt });
      job.attemptsMade = attempt;
      job.state = 'completed';
      job.finishedAt = Date.now();
      q.completed.add(job.id);
      this.pruneCompleted(q);
    } catch (error) {
      job.attemptsMade = attempt;
      if (error instanceof UnrecoverableJobError || attempt >= job.attempts) this.fail(q, job, reasonOf(error));
      // While closing, a retry waits in line without a timer; an in-process queue forgets it anyway.
      else this.schedule(q, job, this.state === 'open' ? retryDelayMs(job.backoff, attempt) : 0);
    } finally {
      q.active -= 1;
      this.pump(q);
      this.notifyIdle(q);
    }
  }

  private fail(q: NamedQueue, job: InlineJob, reason: string): void {
    job.state = 'failed';
    job.reason = reason;
    job.finishedAt = Date.now();
    q.failed.add(job.id);
    while (q.failed.size > this.failedRetention.count) {
      const oldest = q.jobs.get(first(q.failed) ?? '');
      if (!oldest) break;
      q.drop(oldest);
    }
  }

  private pruneCompleted(q: NamedQueue): void {
    const tooOld = Date.now() - this.completedRetention.ageMs;
    for (const id of q.completed) {
      const job = q.jobs.get(id);
      if (job && q.completed.size <= this.completedRetention.count && (job.finishedAt ?? 0) >= tooOld) break;
      if (job) q.drop(job);
      else q.completed.delete(id);
    }
  }

  private notifyIdle(q: NamedQueue): void {
    if (!q.isIdle()) return;
    const waiters = q.idleWaiters;
    q.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
