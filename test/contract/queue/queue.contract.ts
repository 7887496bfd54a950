import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableJobError, type Queue, type RunningJob } from '../../../src/ports/queue.js';

/** Polls until `check` returns a value that is not undefined/false. */
async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(15);
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The behaviour the core relies on from any queue adapter. Each case makes its own queue (and its own adapter instance). */
export function queueContract(name: string, makeQueue: () => Promise<Queue>) {
  describe(`${name} queue`, () => {
    const opened: Queue[] = [];
    const fresh = async () => {
      const queue = await makeQueue();
      opened.push(queue);
      return { queue, q: `q-${randomUUID().slice(0, 8)}` };
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    it('when a job is enqueued, then the handler gets its id, name, data and attempt 1', async () => {
      const { queue, q } = await fresh();
      expect(await queue.ping()).toBe(true);
      const seen = deferred<RunningJob>();
      await queue.process(q, async (job) => seen.resolve(job), { concurrency: 1 });
      expect(await queue.enqueue(q, { id: 'evt_1', name: 'notify.sms', data: { phone: '13800000000', text: '您有新的派单' } })).toBe(true);
      expect(await seen.promise).toEqual({ id: 'evt_1', name: 'notify.sms', data: { phone: '13800000000', text: '您有新的派单' }, attempt: 1 });
      await queue.onIdle(q);
      await eventually(async () => (await queue.counts(q)).completed === 1);
      expect(await queue.counts(q)).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 1, failed: 0 });
    });

    it('when the same id is enqueued twice, before and after it ran, then it runs once and the repeats report false', async () => {
      const { queue, q } = await fresh();
      expect(await queue.enqueue(q, { id: 'evt_dup', name: 'index', data: { n: 1 } })).toBe(true);
      expect(await queue.enqueue(q, { id: 'evt_dup', name: 'index', data: { n: 2 } })).toBe(false);
      expect((await queue.counts(q)).waiting).toBe(1);
      const runs: unknown[] = [];
      await queue.process(q, async (job) => void runs.push(job.data), { concurrency: 2 });
      await eventually(async () => (await queue.counts(q)).completed === 1);
      expect(await queue.enqueue(q, { id: 'evt_dup', name: 'index', data: { n: 3 } })).toBe(false);
      await queue.onIdle(q);
      expect(runs).toEqual([{ n: 1 }]);
    });

    it('when a job is delayed, then it does not run before the delay and runs soon after', async () => {
      const { queue, q } = await fresh();
      const ran = deferred<number>();
      await queue.process(q, async () => ran.resolve(Date.now()), { concurrency: 1 });
      const start = Date.now();
      await queue.enqueue(q, { id: 'offer_1.expire', name: 'offer.expire', data: { offerId: 'offer_1' }, delayMs: 300 });
      expect((await queue.counts(q)).delayed).toBe(1);
      const ranAt = await ran.promise;
      expect(ranAt - start).toBeGreaterThanOrEqual(290);
      expect(ranAt - start).toBeLessThan(2_000);
    });

    it('when a handler throws, then it is retried with backoff until it succeeds', async () => {
      const { queue, q } = await fresh();
      const attempts: Array<{ attempt: number; at: number }> = [];
      const done = deferred();
      await queue.process(
        q,
        async (job) => {
          attempts.push({ attempt: job.attempt, at: Date.now() });
          if (job.attempt < 3) throw new Error('短信网关超时');
          done.resolve();
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'evt_retry', name: 'notify.sms', data: {}, attempts: 3, backoff: { type: 'fixed', delayMs: 100 } });
      await done.promise;
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
      await eventually(async () => (await queue.counts(q)).completed === 1);
      expect((await queue.counts(q)).failed).toBe(0);
    });

    it('when every attempt fails, then the job is in the failed list, and a retry runs it again', async () => {
      const { queue, q } = await fresh();
      let healthy = false;
      const succeeded = deferred<number>();
      await queue.process(
        q,
        async (job) => {
          if (!healthy) throw new Error(`下游服务不可用（第 ${job.attempt} 次）`);
          succeeded.resolve(job.attempt);
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'evt_dead', name: 'notify.wechat', data: { userId: 'usr_1' }, attempts: 2, backoff: { type: 'exponential', delayMs: 20 } });
      const [dead] = await eventually(async () => {
        const list = await queue.failed(q, { limit: 10 });
        return list.length > 0 ? list : undefined;
      });
      expect(dead).toEqual({ id: 'evt_dead', name: 'notify.wechat', data: { userId: 'usr_1' }, reason: '下游服务不可用（第 2 次）', attempts: 2 });
      expect((await queue.counts(q)).failed).toBe(1);
      expect(await queue.enqueue(q, { id: 'evt_dead', name: 'notify.wechat', data: {} })).toBe(false);
      expect(await queue.retry(q, 'missing')).toBe(false);

      healthy = true;
      expect(await queue.retry(q, 'evt_dead')).toBe(true);
      expect(await succeeded.promise).toBe(1);
      await eventually(async () => (await queue.counts(q)).completed === 1);
      expect(await queue.failed(q, { limit: 10 })).toEqual([]);
    });

    it('when a handler throws UnrecoverableJobError, then the job fails after one attempt', async () => {
      const { queue, q } = await fresh();
      let calls = 0;
      await queue.process(
        q,
        async () => {
          calls += 1;
          throw new UnrecoverableJobError('数据不完整：缺少 orderId');
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'evt_bad', name: 'index', data: {}, attempts: 5, backoff: { type: 'fixed', delayMs: 10 } });
      const list = await eventually(async () => {
        const failed = await queue.failed(q, { limit: 10 });
        return failed.length > 0 ? failed : undefined;
      });
      expect(list).toEqual([{ id: 'evt_bad', name: 'index', data: {}, reason: '数据不完整：缺少 orderId', attempts: 1 }]);
      expect(calls).toBe(1);
    });

    it('when many jobs wait, then no more than `concurrency` run at once, and all run', async () => {
      const { queue, q } = await fresh();
      let active = 0;
      let most = 0;
      const done: string[] = [];
      for (let i = 0; i < 8; i += 1) await queue.enqueue(q, { id: `job_${i}`, name: 'index', data: { i } });
      await queue.process(
        q,
        async (job) => {
          active += 1;
          most = Math.max(most, active);
          await sleep(40); // the job's own work
          active -= 1;
          done.push(job.id);
        },
        { concurrency: 3 },
      );
      await eventually(() => done.length === 8);
      expect(most).toBe(3);
    });

    it('when a delayed job is removed, then it never runs and its id can be used again', async () => {
      const { queue, q } = await fresh();
      const ran: string[] = [];
      const sentinel = deferred();
      await queue.process(
        q,
        async (job) => {
          ran.push(job.id);
          if (job.id === 'sentinel') sentinel.resolve();
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'offer_9.expire', name: 'offer.expire', data: {}, delayMs: 300 });
      expect(await queue.remove(q, 'offer_9.expire')).toBe(true);
      expect(await queue.remove(q, 'offer_9.expire')).toBe(false);
      expect((await queue.counts(q)).delayed).toBe(0);
      await queue.enqueue(q, { id: 'sentinel', name: 'offer.expire', data: {}, delayMs: 350 });
      await sentinel.promise;
      expect(ran).toEqual(['sentinel']);
      expect(await queue.enqueue(q, { id: 'offer_9.expire', name: 'offer.expire', data: {}, delayMs: 10_000 })).toBe(true);
    });

    it('when a job is running, then remove answers false and the job still finishes', async () => {
      const { queue, q } = await fresh();
      const started = deferred();
      const release = deferred();
      await queue.process(
        q,
        async () => {
          started.resolve();
          await release.promise;
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'running', name: 'index', data: {} });
      await started.promise;
      expect(await queue.remove(q, 'running')).toBe(false);
      expect(await queue.remove(q, 'never-enqueued')).toBe(false);
      release.resolve();
      await eventually(async () => (await queue.counts(q)).completed === 1);
    });

    it('when the queue is closed during a job, then close waits for the job to finish', async () => {
      const { queue, q } = await fresh();
      const started = deferred();
      let finished = false;
      await queue.process(
        q,
        async () => {
          started.resolve();
          await sleep(250); // a slow job in flight
          finished = true;
        },
        { concurrency: 1 },
      );
      await queue.enqueue(q, { id: 'slow', name: 'index', data: {} });
      await started.promise;
      await queue.close();
      expect(finished).toBe(true);
      expect(await queue.ping()).toBe(false);
    });
  });
}
