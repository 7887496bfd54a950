import { Queue as BullQueue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
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
import { DEFAULT_RETENTION, attemptOf, encodeJobId, decodeJobId, isConnectionError, toFailedJob, toJobCounts, toJobsOptions, type Retention } from './bullmq-job-options.js';
import { makeConnections, openProducer, type RedisConnections } from './redis-connections.js';

/** pino's call shape (`logger.warn(detail, message)`), which `console` also accepts. */
export interface QueueLogger {
  warn(detail: object, message: string): void;
  info(detail: object, message: string): void;
}

export interface BullmqQueueOptions {
  /** A Redis URL, or an ioredis instance the caller owns (it is not closed by `close()`). */
  connection: string | Redis;
  /** Key prefix in Redis; tests use a unique one. Default `jiangxin`. */
  prefix?: string;
  retention?: Partial<Retention>;
  /** How long enqueue waits for Redis before giving up with UnavailableError. Default 2 s. */
  enqueueTimeoutMs?: number;
  /** How long connect() waits for Redis. Default 5 s. */
  connectTimeoutMs?: number;
  /** How long a worker waits before retrying after a Redis error. Default 1 s (BullMQ's is 15 s). */
  workerRetryDelayMs?: number;
  /**
   * close() always waits for running handlers; after they finish it gives BullMQ this long to record
   * them and close its connections, then disconnects them (Redis may be down). Default 3 s.
   */
  closeGraceMs?: number;
  logger?: QueueLogger;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait that does not keep the process alive: for deadlines raced against real work. */
const deadline = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms (ETIMEDOUT)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The production queue: one BullMQ Queue (producer) and at most one Worker per named queue, on the
 * Redis connection given to the constructor. The job id is the BullMQ job id, so a repeated id is
 * ignored by BullMQ itself; completed jobs are kept (bounded) so the ignoring holds after they ran.
 */
export class BullmqQueue implements Queue {
  readonly adapter = 'bullmq';
  private readonly prefix: string;
  private readonly retention: Retention;
  private readonly enqueueTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly workerRetryDelayMs: number;
  private readonly closeGraceMs: number;
  private readonly runningHandlers = new Set<Promise<void>>();
  private readonly logger: QueueLogger;
  private connections: RedisConnections | null = null;
  private readonly producers = new Map<string, BullQueue>();
  private readonly workers = new Map<string, Worker>();
  private readonly enqueuing = new Map<string, Promise<boolean>>();
  private state: 'new' | 'open' | 'closing' | 'closed' = 'new';
  private degraded = false;

  constructor(private readonly options: BullmqQueueOptions) {
    this.prefix = options.prefix ?? 'jiangxin';
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 2_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.workerRetryDelayMs = options.workerRetryDelayMs ?? 1_000;
    this.closeGraceMs = options.closeGraceMs ?? 3_000;
    this.logger = options.logger ?? console;
  }

  async connect(): Promise<void> {
    if (this.state === 'open') return;
    const connections = makeConnections(this.options.connection);
    connections.producer.on('error', (error: Error) => this.onRedisError('producer', error));
    connections.producer.on('ready', () => this.onRedisReady());
    connections.producer.on('close', () => this.onRedisError('producer', new Error('connection closed')));
    connections.workerTemplate.on('error', (error: Error) => this.onRedisError('worker', error));
    await openProducer(connections, this.connectTimeoutMs);
    this.connections = connections;
    this.state = 'open';
  }

  async ping(): Promise<boolean> {
    const producer = this.connections?.producer;
    if (this.state !== 'open' || producer?.status !== 'ready') return false;
    try {
      return (await withTimeout(producer.ping(), 1_000, 'ping')) === 'PONG';
    } catch {
      return false;
    }
  }

  async enqueue<T>(queue: string, spec: JobSpec<T>): Promise<boolean> {
    assertQueueAndJobId(queue, spec.id);
    const key = `${queue}\u0000${spec.id}`;
    // Two adds of one id from this process: the second waits for the first and reports false.
    const inFlight = this.enqueuing.get(key);
    if (inFlight) return inFlight.then(() => false, () => this.enqueue(queue, spec));
    const adding = this.add(queue, spec).finally(() => this.enqueuing.delete(key));
    this.enqueuing.set(key, adding);
    return adding;
  }

  async process<T = unknown>(queue: string, handler: JobHandler<T>, options: ProcessOptions): Promise<void> {
    assertQueueAndJobId(queue);
    const { workerTemplate } = this.open();
    if (this.workers.has(queue)) throw new Error(`queue ${queue} already has a handler in this process`);
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const running = handler({ id: decodeJobId(job.id ?? ''), name: job.name, data: job.data as T, attempt: attemptOf(job) });
        const settled = running.then(
          () => undefined,
          () => undefined,
        );
        this.runningHandlers.add(settled);
        void settled.finally(() => this.runningHandlers.delete(settled));
        try {
          await running;
        } catch (error) {
          if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: workerTemplate,
        prefix: this.prefix,
        concurrency: Math.max(1, Math.floor(options.concurrency)),
        runRetryDelay: this.workerRetryDelayMs,
      },
    );
    worker.on('error', (error: Error) => this.onRedisError(`worker ${queue}`, error));
    this.workers.set(queue, worker);
  }

  async failed(queue: string, options: { limit: number }): Promise<FailedJob[]> {
    if (options.limit <= 0) return [];
    const jobs = await this.call(queue, (q) => q.getFailed(0, options.limit - 1));
    return jobs.map(toFailedJob);
  }

  async retry(queue: string, id: string): Promise<boolean> {
    return this.call(queue, async (q) => {
      const job = await q.getJob(encodeJobId(id));
      if (!job || (await job.getState()) !== 'failed') return false;
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      } catch (error) {
        // Someone else retried or removed it meanwhile: not failed any more.
        if ((await job.getState()) !== 'failed') return false;
        throw error;
      }
    });
  }

  async counts(queue: string): Promise<JobCounts> {
    return toJobCounts(await this.call(queue, (q) => q.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed')));
  }

  async remove(queue: string, id: string): Promise<boolean> {
    return this.call(queue, async (q) => {
      const jobId = encodeJobId(id);
      // BullMQ's remove answers 1 for an id that never existed, so look first.
      if (!(await q.getJob(jobId))) return false;
      return (await q.remove(jobId)) === 1;
    });
  }

  async onIdle(queue: string): Promise<void> {
    for (;;) {
      const { waiting, active } = await this.counts(queue);
      if (waiting === 0 && active === 0) return;
      await sleep(25);
    }
  }

  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    this.state = 'closing';
    // Workers first: BullMQ's close() stops fetching and lets running jobs finish. While Redis is
    // down it would wait for ever, so once our handlers are done it gets a grace period, then
    // its connections are cut (the unrecorded jobs are picked up again as stalled: at least once).
    const workers = [...this.workers.values()];
    let graceful = false;
    const closing = Promise.allSettled(workers.map((worker) => worker.close())).then(() => (graceful = true));
    const handlersDone = (async () => {
      while (this.runningHandlers.size > 0) await Promise.allSettled([...this.runningHandlers]);
      await deadline(this.closeGraceMs);
    })();
    await Promise.race([closing, handlersDone]);
    if (!graceful) {
      this.logger.warn({ where: this.connections?.where }, 'queue: workers did not close in time (Redis down?); disconnecting them');
      await Promise.race([Promise.allSettled(workers.map((worker) => worker.disconnect())), deadline(1_000)]);
    }
    await Promise.race([Promise.allSettled([...this.producers.values()].map((queue) => queue.close())), deadline(1_000)]);
    this.workers.clear();
    this.producers.clear();
    const connections = this.connections;
    if (connections) {
      connections.workerTemplate.disconnect();
      if (connections.ownsProducer) await connections.producer.quit().catch(() => connections.producer.disconnect());
    }
    this.state = 'closed';
  }

  private async add(queue: string, spec: JobSpec): Promise<boolean> {
    const { producer } = this.open();
    if (producer.status !== 'ready') throw new UnavailableError('任务队列（Redis）', new Error(`redis ${producer.status}`));
    const q = this.producer(queue);
    const timestamp = Date.now();
    const jobsOptions = toJobsOptions(spec, this.retention, timestamp);
    try {
      await withTimeout(q.add(spec.name, spec.data ?? null, jobsOptions), this.enqueueTimeoutMs, 'enqueue');
      // BullMQ returns the same id whether it added the job or kept an existing one; the stored
      // timestamp tells which. Two adds of one id within the same millisecond from two processes
      // would both read true; the job itself is still stored once.
      const stored = await withTimeout(producer.hget(q.toKey(jobsOptions.jobId as string), 'timestamp'), this.enqueueTimeoutMs, 'enqueue');
      return stored === String(timestamp);
    } catch (error) {
      if (error instanceof UnavailableError || !isConnectionError(error)) throw error;
      throw new UnavailableError('任务队列（Redis）', error);
    }
  }

  /** Runs a read or admin call; a Redis outage becomes UnavailableError. */
  private async call<R>(queue: string, fn: (q: BullQueue) => Promise<R>): Promise<R> {
    assertQueueAndJobId(queue);
    const { producer } = this.open();
    if (producer.status !== 'ready') throw new UnavailableError('任务队列（Redis）', new Error(`redis ${producer.status}`));
    try {
      return await fn(this.producer(queue));
    } catch (error) {
      if (isConnectionError(error)) throw new UnavailableError('任务队列（Redis）', error);
      throw error;
    }
  }

  private producer(queue: string): BullQueue {
    let q = this.producers.get(queue);
    if (!q) {
      q = new BullQueue(queue, { connection: this.open().producer, prefix: this.prefix });
      q.on('error', (error: Error) => this.onRedisError(`queue ${queue}`, error));
      this.producers.set(queue, q);
    }
    return q;
  }

  private open(): RedisConnections {
    if (this.state !== 'open' || !this.connections) throw new UnavailableError('任务队列（未连接或已关闭）');
    return this.connections;
  }

  /** Logs the first error of an outage, not every reconnect attempt of every connection. */
  private onRedisError(source: string, error: Error): void {
    if (this.degraded || this.state === 'closing' || this.state === 'closed') return;
    this.degraded = true;
    this.logger.warn({ source, where: this.connections?.where, err: error.message }, 'queue: Redis error; jobs wait in the store until it is back');
  }

  private onRedisReady(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.info({ where: this.connections?.where }, 'queue: Redis is back');
  }
}
