import type { Backoff, JobHandler } from '../../../ports/queue.js';

export type InlineJobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface InlineJob {
  id: string;
  name: string;
  /** JSON text: every delivery parses a fresh copy, so a handler cannot change what is stored. */
  json: string;
  attempts: number;
  backoff?: Backoff;
  attemptsMade: number;
  state: InlineJobState;
  reason?: string;
  finishedAt?: number;
  timer?: NodeJS.Timeout;
}

/** The state of one named queue. Sets keep insertion order, which is the order jobs are taken or pruned in. */
export class NamedQueue {
  readonly jobs = new Map<string, InlineJob>();
  readonly waiting = new Set<string>();
  readonly delayed = new Set<string>();
  readonly completed = new Set<string>();
  readonly failed = new Set<string>();
  active = 0;
  handler: { fn: JobHandler; concurrency: number } | null = null;
  pumpScheduled = false;
  idleWaiters: Array<() => void> = [];

  constructor(readonly name: string) {}

  isIdle(): boolean {
    return this.waiting.size === 0 && this.active === 0;
  }

  /** Forgets a job in any state but active; clears its timer. */
  drop(job: InlineJob): void {
    if (job.timer) clearTimeout(job.timer);
    this.waiting.delete(job.id);
    this.delayed.delete(job.id);
    this.completed.delete(job.id);
    this.failed.delete(job.id);
    this.jobs.delete(job.id);
  }
}

export function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}
