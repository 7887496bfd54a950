import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  attemptOf,
  decodeJobId,
  encodeJobId,
  isConnectionError,
  maskRedisUrl,
  toFailedJob,
  toJobCounts,
  toJobsOptions,
} from '../../src/adapters/queue/bullmq-queue/bullmq-job-options.js';

const retention = { completedCount: 500, completedAgeSeconds: 3600, failedCount: 200 };

describe('bullmq job options', () => {
  it('when a job has no delay, attempts or backoff, then it runs once and keeps bounded history', () => {
    expect(toJobsOptions({ id: 'evt_1', name: 'n', data: {} }, retention, 1_700_000_000_000)).toEqual({
      jobId: 'evt_1',
      timestamp: 1_700_000_000_000,
      attempts: 1,
      removeOnComplete: { age: 3600, count: 500 },
      removeOnFail: { count: 200 },
    });
  });

  it('maps delay, attempts and both backoff types', () => {
    const fixed = toJobsOptions({ id: 'a', name: 'n', data: {}, delayMs: 300.4, attempts: 5, backoff: { type: 'fixed', delayMs: 1000 } }, retention, 1);
    expect(fixed).toMatchObject({ delay: 300, attempts: 5, backoff: { type: 'fixed', delay: 1000 } });
    const exponential = toJobsOptions({ id: 'a', name: 'n', data: {}, backoff: { type: 'exponential', delayMs: 250 } }, retention, 1);
    expect(exponential.backoff).toEqual({ type: 'exponential', delay: 250 });
  });

  it('when delay or attempts are zero, negative or fractional, then they are clamped to what BullMQ accepts', () => {
    const options = toJobsOptions({ id: 'a', name: 'n', data: {}, delayMs: 0, attempts: 0 }, retention, 1);
    expect(options.delay).toBeUndefined();
    expect(options.attempts).toBe(1);
    expect(toJobsOptions({ id: 'a', name: 'n', data: {}, attempts: 2.7, delayMs: -5 }, retention, 1)).toMatchObject({ attempts: 2 });
    expect(toJobsOptions({ id: 'a', name: 'n', data: {}, delayMs: -5 }, retention, 1).delay).toBeUndefined();
  });

  it('keeps completed jobs by default for a day and at most 10 000 per queue', () => {
    expect(toJobsOptions({ id: 'a', name: 'n', data: {} }, DEFAULT_RETENTION, 1).removeOnComplete).toEqual({ age: 86_400, count: 10_000 });
  });
});

describe('bullmq job ids', () => {
  it('when an id is plain, then BullMQ gets it unchanged', () => {
    for (const id of ['evt_01HX', 'offer_9.expire', 'order-12', '007', 'a1']) expect(encodeJobId(id)).toBe(id);
  });

  it('when BullMQ would refuse an id (integer, ":"), or it is not ASCII, then it is encoded', () => {
    for (const id of ['42', '0', '-3', 'evt:1', 'a:b:c', '派单', 'with space', '~tilde']) {
      const encoded = encodeJobId(id);
      expect(encoded.startsWith('~')).toBe(true);
      expect(encoded).not.toContain(':');
      expect(decodeJobId(encoded)).toBe(id);
    }
  });

  it('round-trips every string, and distinct ids never collide', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 60 }), (a, b) => {
        expect(decodeJobId(encodeJobId(a))).toBe(a);
        if (a !== b) expect(encodeJobId(a)).not.toBe(encodeJobId(b));
        expect(`${Number.parseInt(encodeJobId(a), 10)}`).not.toBe(encodeJobId(a));
      }),
    );
  });
});

describe('bullmq job views', () => {
  it('shows a failed job with its decoded id, reason and tries', () => {
    expect(toFailedJob({ id: encodeJobId('evt:7'), name: 'notify.sms', data: { a: 1 }, failedReason: '短信网关超时', attemptsMade: 3 })).toEqual({
      id: 'evt:7',
      name: 'notify.sms',
      data: { a: 1 },
      reason: '短信网关超时',
      attempts: 3,
    });
    expect(toFailedJob({ id: 'x', name: 'n', data: null, attemptsMade: 1 }).reason).toBe('');
  });

  it('numbers tries from 1', () => {
    expect(attemptOf({ attemptsMade: 0 })).toBe(1);
    expect(attemptOf({ attemptsMade: 2 })).toBe(3);
  });

  it('fills missing counts with zero and drops the states the port does not show', () => {
    expect(toJobCounts({ waiting: 2, failed: 1, prioritized: 9 })).toEqual({ waiting: 2, delayed: 0, active: 0, completed: 0, failed: 1 });
  });
});

describe('redis urls and errors', () => {
  it('masks passwords (and a lone user name) but keeps where it points', () => {
    expect(maskRedisUrl('redis://:s3cret@redis.internal:6380/2')).toBe('redis://:***@redis.internal:6380/2');
    expect(maskRedisUrl('rediss://app:s3cret@10.0.0.5:6379')).toBe('rediss://app:***@10.0.0.5:6379');
    expect(maskRedisUrl('redis://tokenonly@host:6379')).toBe('redis://***@host:6379');
    expect(maskRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(maskRedisUrl('not a url with user:pw@host')).not.toContain('pw@');
  });

  it('tells a Redis outage from a bad request', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
    expect(isConnectionError(new Error('enqueue: no answer from Redis within 2000 ms (ETIMEDOUT)'))).toBe(true);
    expect(isConnectionError(new Error('Custom Id cannot be integers'))).toBe(false);
    expect(isConnectionError(new Error('The size of job n exceeds the limit 10 bytes'))).toBe(false);
  });
});
