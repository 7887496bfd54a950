import type { Backoff } from '../../../ports/queue.js';

/** How long to wait before the next try, after `failedTries` tries failed (≥ 1). Same formula as BullMQ's built-in backoffs. */
export function retryDelayMs(backoff: Backoff | undefined, failedTries: number): number {
  if (!backoff) return 0;
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(2 ** (failedTries - 1) * backoff.delayMs);
}
