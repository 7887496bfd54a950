/**
 * Queue port: named job queues with idempotent ids, delays, retries with backoff and a dead letter
 * list. What outside deliveries (webhook, SMS) and offer-expiry timers need; no more. Domain events
 * do not travel through it: consumers read them from the outbox. Nothing in a queue is the only copy
 * of anything: a delivery job is re-armed from its pending delivery, a timer from the stored deadline.
 * Adapters: inline (in-process, the default) and bullmq (Redis).
 *
 * Delivery is at least once: a handler can run again for the same job (a retry, a worker that died
 * mid-job), so handlers must be idempotent by job id. Job data must be JSON-serialisable; handlers
 * receive a JSON copy of it.
 */

export interface Backoff {
  /** `fixed`: every retry waits `delayMs`. `exponential`: retry n waits `delayMs * 2^(n-1)`. */
  type: 'fixed' | 'exponential';
  delayMs: number;
}

export interface JobSpec<T = unknown> {
  /**
   * Idempotency key, e.g. the domain event id. Any non-empty string up to 200 characters; adapters
   * encode it where their backend restricts ids.
   */
  id: string;
  /** What kind of job it is (`offer.expire`, `notify.sms`), for handlers that serve several kinds. */
  name: string;
  data: T;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total tries including the first; default 1 (no retries). */
  attempts?: number;
  /** Wait between tries; default none (retry at once). */
  backoff?: Backoff;
}

export interface RunningJob<T = unknown> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first try, 2 on the first retry, … */
  attempt: number;
}

export type JobHandler<T = unknown> = (job: RunningJob<T>) => Promise<void>;

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  /** The message of the last error thrown by the handler. */
  reason: string;
  /** How many tries were made. */
  attempts: number;
}

export interface JobCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  failed: number;
}

export interface ProcessOptions {
  /** Most jobs of this queue this process runs at once (≥ 1). */
  concurrency: number;
}

/** Thrown by a handler when retrying cannot help (bad data): the job fails at once, without retries. */
export class UnrecoverableJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableJobError';
  }
}

/** Queue names: letters, digits, `.`, `_`, `-` (BullMQ keys use `:` as separator). */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Throws a plain Error (a programming mistake, not a runtime condition) for a bad queue name or job id. */
export function assertQueueAndJobId(queue: string, id?: string): void {
  if (!QUEUE_NAME_PATTERN.test(queue)) throw new Error(`invalid queue name ${JSON.stringify(queue)}: use letters, digits, '.', '_' or '-'`);
  if (id !== undefined && (id.length === 0 || id.length > 200)) throw new Error(`invalid job id ${JSON.stringify(id)}: 1 to 200 characters`);
}

export interface Queue {
  /** `inline` or `bullmq`: shown on /readyz. */
  readonly adapter: 'inline' | 'bullmq';
  /** Opens connections. Throws with what to check (the URL, credentials masked) when it cannot. */
  connect(): Promise<void>;
  /** Whether the backend answers now; false while it is down, never throws. */
  ping(): Promise<boolean>;
  /**
   * Adds a job. Returns false and changes nothing when a job with the same id still exists (waiting,
   * delayed, active, failed, or completed and retained): that is the idempotency, and for a relay
   * both answers mean "the queue has it". Rejects quickly with UnavailableError when the backend is
   * down, so the caller keeps the job and retries later (the job may have been added just before).
   */
  enqueue<T>(queue: string, job: JobSpec<T>): Promise<boolean>;
  /**
   * Registers this process's handler for a queue (one per queue) and starts running jobs, at most
   * `concurrency` at once. A handler that throws is retried with the job's backoff until its
   * attempts are used up, then the job is failed; UnrecoverableJobError fails it at once.
   */
  process<T = unknown>(queue: string, handler: JobHandler<T>, options: ProcessOptions): Promise<void>;
  /** Failed jobs (the dead letter list), most recently failed first, at most `limit`. */
  failed(queue: string, options: { limit: number }): Promise<FailedJob[]>;
  /** Moves a failed job back to waiting with fresh attempts. False when no failed job has this id. */
  retry(queue: string, id: string): Promise<boolean>;
  /** How many jobs are in each state now. */
  counts(queue: string): Promise<JobCounts>;
  /**
   * Deletes a waiting, delayed, failed or completed job (cancelling a timer); its id can be used
   * again. False when there is no such job or it is running now (a running job finishes).
   */
  remove(queue: string, id: string): Promise<boolean>;
  /** Resolves once the queue has no waiting and no active jobs (delayed jobs do not count). */
  onIdle(queue: string): Promise<void>;
  /** Stops taking jobs, waits for running jobs to finish, then releases connections and timers. */
  close(): Promise<void>;
}
