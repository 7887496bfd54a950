import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqQueue, type QueueLogger } from '../../../src/adapters/queue/bullmq-queue/bullmq-queue.js';
import { UnavailableError } from '../../../src/errors.js';
import { redisForTests, redisServerBinary, redisUnavailableReason, startRedisServer } from '../../helpers/redis-server.js';
import { queueContract } from './queue.contract.js';

const skipReason = redisUnavailableReason();
const quiet: QueueLogger = { warn: () => undefined, info: () => undefined };

describe.skipIf(skipReason !== null)(`bullmq queue on a real Redis${skipReason ? ` (${skipReason})` : ''}`, () => {
  let redis: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    redis = await redisForTests();
  });
  const prefixes: string[] = [];
  afterAll(async () => {
    // On a shared REDIS_URL, leave nothing behind.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    for (const prefix of prefixes) {
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length > 0) await client.del(...keys);
    }
    await client.quit();
    await redis?.stop();
  });

  const makeQueue = async () => {
    const prefix = `jxt-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const queue = new BullmqQueue({ connection: redis.url, prefix, logger: quiet });
    await queue.connect();
    return queue;
  };

  queueContract('bullmq', makeQueue);

  it('when ids contain ":" , only digits or Chinese, then they round-trip and stay idempotent', async () => {
    const queue = await makeQueue();
    const seen: string[] = [];
    await queue.process('odd-ids', async (job) => void seen.push(job.id), { concurrency: 1 });
    for (const id of ['evt:42', '42', '派单-1']) {
      expect(await queue.enqueue('odd-ids', { id, name: 'index', data: {} })).toBe(true);
      expect(await queue.enqueue('odd-ids', { id, name: 'index', data: {} })).toBe(false);
    }
    await queue.onIdle('odd-ids');
    expect(seen.sort()).toEqual(['42', 'evt:42', '派单-1'].sort());
    await queue.close();
  });

  it('when given an ioredis instance, then it uses it and leaves it open on close', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const prefix = `jxt-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const queue = new BullmqQueue({ connection: client, prefix, logger: quiet });
    await queue.connect();
    const done = new Promise<void>((resolve) => void queue.process('shared', async () => resolve(), { concurrency: 1 }));
    await queue.enqueue('shared', { id: 'evt_shared', name: 'index', data: {} });
    await done;
    await queue.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });
});

describe('bullmq queue without Redis', () => {
  it('when connect() finds no Redis, then it fails naming the URL with the password masked', async () => {
    const queue = new BullmqQueue({ connection: 'redis://:s3cret@127.0.0.1:1/0', logger: quiet, connectTimeoutMs: 1_000 });
    const error = await queue.connect().then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toContain('redis://:***@127.0.0.1:1/0');
    expect(error?.message).not.toContain('s3cret');
    await queue.close();
  });
});

// These stop and restart a server, so they need a private one even when REDIS_URL is set.
const noBinary = redisServerBinary() === null;
describe.skipIf(noBinary)(`bullmq queue when Redis dies${noBinary ? ' (skipped: no redis-server binary on PATH)' : ''}`, () => {
  it('when Redis dies, then ping is false and enqueue rejects quickly as unavailable; when it is back, workers resume', async () => {
    const server = await startRedisServer();
    const warnings: string[] = [];
    const queue = new BullmqQueue({
      connection: server.url,
      prefix: 'jxt-fault',
      workerRetryDelayMs: 200,
      logger: { warn: (_, message) => void warnings.push(message), info: () => undefined },
    });
    try {
      await queue.connect();
      const ran: string[] = [];
      await queue.process('relay', async (job) => void ran.push(job.id), { concurrency: 2 });
      await queue.enqueue('relay', { id: 'before', name: 'index', data: {} });
      await queue.onIdle('relay');

      await server.stop({ hard: true });
      expect(await queue.ping()).toBe(false);
      const started = Date.now();
      await expect(queue.enqueue('relay', { id: 'during', name: 'index', data: {} })).rejects.toBeInstanceOf(UnavailableError);
      expect(Date.now() - started).toBeLessThan(2_500);

      while (warnings.length === 0 && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 20));
      expect(warnings).toEqual(['queue: Redis error; jobs wait in the store until it is back']);

      await server.restart();
      const deadline = Date.now() + 10_000;
      while (!(await queue.ping()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await queue.enqueue('relay', { id: 'after', name: 'index', data: {} })).toBe(true);
      while (!ran.includes('after') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(ran).toContain('after');
    } finally {
      await queue.close();
      await server.stop();
    }
  });

  it('when Redis is down at close(), then close still returns once running handlers are done', async () => {
    const server = await startRedisServer();
    const queue = new BullmqQueue({ connection: server.url, prefix: 'jxt-close', closeGraceMs: 300, logger: quiet });
    try {
      await queue.connect();
      let finished = false;
      const started = new Promise<void>((resolve) =>
        void queue.process(
          'slow',
          async () => {
            resolve();
            await new Promise((r) => setTimeout(r, 300)); // a job in flight when Redis dies
            finished = true;
          },
          { concurrency: 1 },
        ),
      );
      await queue.enqueue('slow', { id: 'slow_1', name: 'index', data: {} });
      await started;
      await server.stop({ hard: true });
      const closing = Date.now();
      await queue.close();
      expect(finished).toBe(true);
      expect(Date.now() - closing).toBeLessThan(3_000);
    } finally {
      await server.stop();
    }
  });
});
