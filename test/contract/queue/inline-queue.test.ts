import { describe, expect, it } from 'vitest';
import { InlineQueue } from '../../../src/adapters/queue/inline-queue/inline-queue.js';
import { retryDelayMs } from '../../../src/adapters/queue/inline-queue/retry-delay.js';
import { queueContract } from './queue.contract.js';

queueContract('inline', async () => {
  const queue = new InlineQueue();
  await queue.connect();
  return queue;
});

describe('inline queue retention', () => {
  it('when more jobs complete than are retained, then the oldest ids can be enqueued again', async () => {
    const queue = new InlineQueue({ completedRetention: { count: 2, ageMs: 60_000 } });
    await queue.connect();
    await queue.process('retained', async () => undefined, { concurrency: 1 });
    for (const id of ['a', 'b', 'c']) await queue.enqueue('retained', { id, name: 'index', data: {} });
    await queue.onIdle('retained');
    expect((await queue.counts('retained')).completed).toBe(2);
    expect(await queue.enqueue('retained', { id: 'c', name: 'index', data: {} })).toBe(false);
    expect(await queue.enqueue('retained', { id: 'a', name: 'index', data: {} })).toBe(true);
    await queue.close();
  });

  it('when the queue is not connected or closed, then enqueue is refused as unavailable', async () => {
    const queue = new InlineQueue();
    await expect(queue.enqueue('q', { id: 'x', name: 'n', data: {} })).rejects.toMatchObject({ kind: 'unavailable' });
    await queue.connect();
    await queue.close();
    await expect(queue.enqueue('q', { id: 'x', name: 'n', data: {} })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('computes backoff like BullMQ: fixed stays, exponential doubles', () => {
    expect([1, 2, 3].map((n) => retryDelayMs({ type: 'fixed', delayMs: 100 }, n))).toEqual([100, 100, 100]);
    expect([1, 2, 3].map((n) => retryDelayMs({ type: 'exponential', delayMs: 100 }, n))).toEqual([100, 200, 400]);
    expect(retryDelayMs(undefined, 4)).toBe(0);
  });
});
