/**
 * Pure translation between the queue port and BullMQ: job options, job ids, job views, URLs.
 * No Redis here, so all of it is unit-tested directly.
 */
import type { JobsOptions } from 'bullmq';
import type { FailedJob, JobCounts, JobSpec } from '../../../ports/queue.js';

export interface Retention {
  /** Completed jobs kept per queue so that a repeated id stays a no-op: at most this many… */
  completedCount: number;
  /** …and none older than this (seconds; pruned when later jobs complete). */
  completedAgeSeconds: number;
  /** Failed jobs kept per queue (the dead letter list an admin reads). */
  failedCount: number;
}

export const DEFAULT_RETENTION: Retention = { completedCount: 10_000, completedAgeSeconds: 24 * 3600, failedCount: 10_000 };

/** Ids BullMQ stores as they are; anything else (`:`, digits only, non-ASCII, `~…`) is encoded. */
const PLAIN_ID = /^[A-Za-z0-9_.-]+$/;
const ENCODED_MARK = '~';

/**
 * BullMQ refuses custom ids that are integers or contain `:`. Ids it accepts pass unchanged (so they
 * read well in dashboards); the rest become `~` + base64url, which no plain id can collide with.
 */
export function encodeJobId(id: string): string {
  const isInteger = `${Number.parseInt(id, 10)}` === id;
  if (PLAIN_ID.test(id) && !isInteger) return id;
  return ENCODED_MARK + Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeJobId(jobId: string): string {
  return jobId.startsWith(ENCODED_MARK) ? Buffer.from(jobId.slice(1), 'base64url').toString('utf8') : jobId;
}

/** BullMQ options for one enqueue. `timestamp` is passed in so the caller can tell its own add from an existing job. */
export function toJobsOptions(spec: JobSpec, retention: Retention, timestamp: number): JobsOptions {
  const options: JobsOptions = {
    jobId: encodeJobId(spec.id),
    timestamp,
    attempts: Math.max(1, Math.floor(spec.attempts ?? 1)),
    removeOnComplete: { age: retention.completedAgeSeconds, count: retention.completedCount },
    removeOnFail: { count: retention.failedCount },
  };
  if (spec.delayMs !== undefined && spec.delayMs > 0) options.delay = Math.round(spec.delayMs);
  if (spec.backoff) options.backoff = { type: spec.backoff.type, delay: Math.max(0, Math.round(spec.backoff.delayMs)) };
  return options;
}

/** The fields of a BullMQ job that the port shows. */
export interface BullJobFields {
  id?: string | undefined;
  name: string;
  data: unknown;
  failedReason?: string | undefined;
  attemptsMade: number;
}

export function toFailedJob(job: BullJobFields): FailedJob {
  return { id: decodeJobId(job.id ?? ''), name: job.name, data: job.data, reason: job.failedReason ?? '', attempts: job.attemptsMade };
}

/** The try number a handler sees: BullMQ counts finished tries in `attemptsMade`. */
export function attemptOf(job: Pick<BullJobFields, 'attemptsMade'>): number {
  return job.attemptsMade + 1;
}

export function toJobCounts(counts: Record<string, number | undefined>): JobCounts {
  return {
    waiting: counts.waiting ?? 0,
    delayed: counts.delayed ?? 0,
    active: counts.active ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
  };
}

/** The URL with any password (and a user name used as a password) replaced, for messages and logs. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    else if (parsed.username) parsed.username = '***';
    return parsed.toString();
  } catch {
    // Not a URL: hide everything up to the last '@', where credentials would be.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@');
  }
}

/** Whether an error means Redis did not answer (so the job should wait in the store), not a bad request. */
export function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)$/.test(code)) return true;
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|ECONNREFUSED|ECONNRESET|ETIMEDOUT|max retries per request|Reached the max retries|connection closed|Connection lost/i.test(message);
}
