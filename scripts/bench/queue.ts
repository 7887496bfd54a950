/**
 * `npm run bench:queue`: end-to-end events per second with the BullMQ adapter — `offer.made` events
 * in the outbox (each a distinct offer) to rows in a craftsman's inbox, through the event pipeline as
 * `npm run worker` runs it (every consumer: notify, stats, reputation, and the timers consumer arming
 * one delayed expiry job in Redis per offer) — beside a bare BullMQ add-and-process loop on the same
 * Redis in the same run, printed as a ratio. Redis: REDIS_URL, else a private redis-server for the run.
 *   npm run bench:queue [events=5000]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Queue as BullQueue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Actor } from '../../src/domain/users/user.js';
import { creditCodeCheckChar } from '../../src/domain/shared/credit-code.js';
import { buildEngine } from '../../src/engine.js';
import { redisForTests } from '../../test/helpers/redis-server.js';

const EVENTS = Number(process.argv[2] ?? 5_000);
const redis = await redisForTests();

async function bareBullmq(jobs: number): Promise<number> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const name = `bench-bare-${randomUUID().slice(0, 8)}`;
  const queue = new BullQueue(name, { connection, prefix: 'jxbench' });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const started = performance.now();
  const worker = new Worker(name, async () => void (++done === jobs && finish()), { connection: connection.duplicate(), prefix: 'jxbench', concurrency: 100 });
  for (let i = 0; i < jobs; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: 'job', data: { i: i + k, title: '数控机床主轴异响排查' }, opts: { jobId: `j${i + k}`, removeOnComplete: 1000 } })));
  }
  await finished;
  const ms = performance.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return (jobs / ms) * 1000;
}

async function engineEndToEnd(events: number): Promise<number> {
  const engine = await buildEngine(loadConfig({ REDIS_URL: redis.url, LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret' }), { inMemory: true });
  const admin: Actor = { userId: 'bench', role: 'admin', displayName: 'bench' };
  const s = engine.services;
  const first17 = '91522701MA6QUEUE0';
  const ent = await s.enterprises.create(admin, { name: '都匀市压测企业', creditCode: first17 + creditCodeCheckChar(first17), industry: '装备制造', regionCode: '522701', address: '都匀市', contact: { name: '王经理', phone: '13800000000' } });
  const cra = await s.craftsmen.create(admin, { name: '压测工匠', phone: '13900000000', regionCode: '522701', honors: [], skills: [{ name: '焊接', grade: 2 }], trades: [], industries: [], studio: null, serviceModes: ['onsite'], capacity: 5, bio: '', account: { username: 'bench.cra', password: 'bench-password' } });
  const order = await s.orders.submit({ userId: 'bench-ent', role: 'enterprise', displayName: ent.name, enterpriseId: ent._id }, { title: '反应釜焊缝渗漏', description: '焊缝渗漏', category: 'technical_problem', requiredSkills: ['焊接'], urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false });
  await s.orders.vet(admin, order._id, { approve: true });
  await s.dispatch.offer(admin, order._id, { craftsmanId: cra._id });
  const outbox = engine.store.collection<DomainEvent>('outbox');
  const template = (await outbox.findOne({ type: 'offer.made' }))!;
  await engine.relay.flush();
  await outbox.deleteMany({});

  // N more offers' events, as the services would have recorded them, waiting in the outbox.
  const pending: DomainEvent[] = Array.from({ length: events }, (_, i) => ({ ...template, _id: `evt_bench_${i.toString().padStart(6, '0')}`, aggregateId: `off_bench_${i}`, status: 'pending', publishedAt: null }));
  for (let i = 0; i < pending.length; i += 1_000) await outbox.insertMany(pending.slice(i, i + 1_000));
  const inbox = engine.store.collection('notifications');
  const started = performance.now();
  await engine.startWorkers({ share: 1 });
  while ((await inbox.count({ eventId: { $regex: '^evt_bench_' } })) < events) await new Promise((r) => setTimeout(r, 50));
  const ms = performance.now() - started;
  // Every consumer, not only notify, must have finished for the figure to count the whole pipeline.
  while ((await outbox.count({ status: 'pending' })) > 0) await new Promise((r) => setTimeout(r, 50));
  const allMs = performance.now() - started;
  console.log(`engine: every consumer finished ${events} events in ${(allMs / 1000).toFixed(1)} s (${((events / allMs) * 1000).toFixed(0)} events/s)`);
  await engine.close();
  return (events / ms) * 1000;
}

console.log(`Redis ${redis.url}; ${EVENTS} events / jobs per run`);
const bare = await bareBullmq(EVENTS);
console.log(`bare BullMQ add-and-process (concurrency 100): ${bare.toFixed(0)} jobs/s`);
const e2e = await engineEndToEnd(EVENTS);
console.log(`engine: outbox event → inbox row on BullMQ:    ${e2e.toFixed(0)} events/s`);
console.log(`ratio engine / bare: ${(e2e / bare).toFixed(2)}× (target ≥ 0.5×; the engine's path is outbox batches per consumer, each committed with its acknowledgement in one transaction); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await redis.stop();
process.exit(0);
