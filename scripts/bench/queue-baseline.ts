/**
 * Enqueue and end-to-end throughput of both queue adapters on this machine.
 *   npx tsx scripts/bench/queue-baseline.ts [jobs=20000] [concurrency=100]
 * BullMQ runs against REDIS_URL, else a private redis-server started for the run.
 */
import { randomUUID } from 'node:crypto';
import { BullmqQueue } from '../../src/adapters/queue/bullmq-queue/bullmq-queue.js';
import { InlineQueue } from '../../src/adapters/queue/inline-queue/inline-queue.js';
import type { Queue } from '../../src/ports/queue.js';
import { redisForTests } from '../../test/helpers/redis-server.js';

const jobs = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 100);

async function measure(label: string, queue: Queue): Promise<void> {
  await queue.connect();
  const name = `bench-${randomUUID().slice(0, 8)}`;
  let started = performance.now();
  for (let i = 0; i < jobs; i += 1) await queue.enqueue(name, { id: `evt_${i}`, name: 'index', data: { i, title: '数控机床主轴异响排查' } });
  const enqueueMs = performance.now() - started;

  let done = 0;
  const allDone = new Promise<void>((resolve) =>
    void queue.process(name, async () => void (++done === jobs && resolve()), { concurrency }),
  );
  started = performance.now();
  await allDone;
  const processMs = performance.now() - started;
  const rate = (ms: number) => Math.round((jobs / ms) * 1000).toLocaleString('en');
  console.log(`${label.padEnd(8)} enqueue one by one ≈ ${rate(enqueueMs)} jobs/s; process (concurrency ${concurrency}) ≈ ${rate(processMs)} jobs/s`);
  await queue.close();
}

await measure('inline', new InlineQueue());
const redis = await redisForTests();
try {
  await measure('bullmq', new BullmqQueue({ connection: redis.url, prefix: `bench-${randomUUID().slice(0, 8)}` }));
} finally {
  await redis.stop();
}
