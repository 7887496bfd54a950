import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import { loadConfig } from '../../src/config.js';
import type { WebhookConfig } from '../../src/domain/notifications/webhook-message.js';
import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';
import { buildEngine } from '../../src/engine.js';
import { ADMIN, fastHasher } from '../helpers/engine.js';
import { buildEnterprise, buildOrder } from '../helpers/fixtures.js';
import { redisUnavailableReason, startRedisServer, type PrivateRedisServer } from '../helpers/redis-server.js';
import { countEffects } from './effects.js';
import { EngineProcess, WebhookReceiver, type LogLine } from './processes.js';
import { allowManyOpenOrders } from './order-limits.js';

/** Enough for several batches per consumer; the Redis fault test runs the 1,000-event case. */
const ORDERS = 500;
const SECRET = 'fault-test-secret-fault-test-secret-0000';

/**
 * A data directory holding `ORDERS` submitted orders whose events no consumer has handled yet, two
 * staff who hear of each, and a county webhook pointing at `hookUrl`. Written by an engine in this
 * process that runs no workers, then closed: the process under test owns it alone.
 */
async function prepare(dataDir: string, hookUrl: string): Promise<{ orderIds: string[]; staff: string[] }> {
  const engine = await buildEngine(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: SECRET }), { hasher: fastHasher() });
  const { accounts, enterprises, orders } = engine.services;
  const staff: string[] = [];
  for (const region of ['522701', '522700']) {
    const user = await accounts.prepareUser({ username: `staff.${region}`, password: 'password-123', role: 'union_staff', displayName: `工作人员 ${region}`, orgId: orgIdForRegion(region) });
    await accounts.insertUser(user);
    staff.push(user._id as string);
  }
  await allowManyOpenOrders(engine.services);
  const enterprise = await enterprises.create(ADMIN, buildEnterprise({ account: { username: 'ent.fault', password: 'password-123' } }));
  const actor = await accounts.authenticate((await accounts.login('ent.fault', 'password-123')).token);
  await engine.store.collection<WebhookConfig>('webhooks').insertOne({ _id: orgIdForRegion('522701'), url: hookUrl, secret: 'fault-test-secret-0123456789', enabled: true, allowPrivate: true, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'test' });
  const orderIds: string[] = [];
  for (let i = 0; i < ORDERS; i += 1) orderIds.push((await orders.submit(actor, buildOrder({ title: `锅炉焊缝检测 ${i}` })))._id);
  expect(enterprise._id).toBeTruthy();
  await engine.close();
  return { orderIds, staff };
}

const redisReason = redisUnavailableReason();
const variants = [
  { name: 'the API on the in-process queue', entry: 'test/fault/engine-process.ts', redis: false },
  { name: 'the worker process on BullMQ', entry: 'src/worker.ts', redis: true },
];

describe.each(variants)('$name SIGKILLed in the middle of a batch', ({ entry, redis: needsRedis }) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  }, 60_000);

  it.skipIf(needsRedis && redisReason !== null)(`when killed with ${ORDERS} orders' events waiting and restarted, then every inbox row, rollup and webhook lands exactly once`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-fault-kill-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const receiver = new WebhookReceiver();
    await receiver.start();
    cleanup.push(() => receiver.close());
    let redis: PrivateRedisServer | null = null;
    if (needsRedis) {
      redis = await startRedisServer();
      cleanup.push(() => redis!.stop());
    }
    const { orderIds, staff } = await prepare(dataDir, receiver.url);
    const env = { DATA_DIR: dataDir, JWT_SECRET: SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'debug', PORT: '0', ...(redis ? { REDIS_URL: redis.url } : {}) };
    const batchTaken = (line: LogLine) => line.msg === 'event pipeline: batch taken';

    const first = new EngineProcess(entry, env);
    cleanup.push(() => first.kill('SIGKILL'));
    // Killed as its third batch starts: some batches committed, one in the middle, the rest waiting.
    await first.waitFor(batchTaken, { count: 3, timeoutMs: 90_000 });
    expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');

    const second = new EngineProcess(entry, env);
    cleanup.push(() => second.kill('SIGKILL'));
    await second.waitFor((line) => line.msg === 'event pipeline: caught up, every event acknowledged', { timeoutMs: 120_000 });
    // Outside deliveries go out after the events (webhook jobs on the queue).
    const until = Date.now() + 60_000;
    while (receiver.received.size < ORDERS && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    if (needsRedis) {
      // A webhook job the killed worker had posted but not yet recorded is still "active" in Redis under
      // its dead lock; BullMQ hands it out again once the lock lapses (lockDuration and the stalled check,
      // 30 s each). Wait until posts have been quiet for longer than that, so its re-run is recorded.
      const posts = () => [...receiver.received.values()].reduce((sum, n) => sum + n, 0);
      const quietUntil = Date.now() + 150_000;
      let last = posts();
      let quietSince = Date.now();
      while (Date.now() - quietSince < 65_000 && Date.now() < quietUntil) {
        await new Promise((r) => setTimeout(r, 500));
        if (posts() !== last) {
          last = posts();
          quietSince = Date.now();
        }
      }
    }
    expect((await second.kill('SIGTERM')).code).toBe(0);

    const store = new EmbeddedStore({ dataDir: join(dataDir, 'store') });
    await store.connect();
    const effects = await countEffects(store, orderIds, (event) => (event.type === 'order.submitted' ? staff : []));
    await store.close();
    expect(effects).toMatchObject({ unfinished: 0, setAside: 0, inboxMissing: 0, inboxDuplicated: 0, deliveriesNotSent: 0, rollupBucketsOff: 0 });
    expect(effects.inboxRows).toBe(ORDERS * staff.length);
    expect(receiver.received.size).toBe(ORDERS);
    // A webhook is outside the store: one being posted at the kill may be posted again (the receiver
    // dedupes by the delivery header). At most the jobs that can run at once (4) were in that window.
    expect(receiver.duplicated).toBeLessThanOrEqual(4);
  }, 420_000);
});
