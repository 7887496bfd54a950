import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';
import { buildEngine } from '../../src/engine.js';
import { ADMIN, bearer, fastHasher } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder } from '../helpers/fixtures.js';
import { redisUnavailableReason, startRedisServer, type PrivateRedisServer } from '../helpers/redis-server.js';
import { EngineProcess } from './processes.js';

const SECRET = 'fault-test-secret-fault-test-secret-0000';
const reason = redisUnavailableReason();

/**
 * The production layout: an API process with WORKERS=false and `npm run worker`, on one Redis. The
 * embedded store has one owning process, so here the worker has a data directory of its own; with
 * MongoDB both share the store and the API also polls the outbox for the worker's events (the
 * follower's unit test covers that path).
 */
describe.skipIf(reason !== null)(`an API without workers beside a worker process${reason ? ` (${reason})` : ''}`, () => {
  let redis: PrivateRedisServer;
  let api: EngineProcess;
  let worker: EngineProcess;
  let apiUrl: string;
  let orderId: string;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    const apiDir = await mkdtemp(join(tmpdir(), 'jx-fresh-api-'));
    const workerDir = await mkdtemp(join(tmpdir(), 'jx-fresh-worker-'));
    dirs.push(apiDir, workerDir);
    const seed = await buildEngine(loadConfig({ DATA_DIR: apiDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: SECRET }), { hasher: fastHasher() });
    const { accounts, enterprises, orders } = seed.services;
    await accounts.insertUser(await accounts.prepareUser({ username: 'staff.duyun', password: 'password-123', role: 'union_staff', displayName: '都匀工作人员', orgId: orgIdForRegion('522701') }));
    await enterprises.create(ADMIN, buildEnterprise({ account: { username: 'ent.fresh', password: 'password-123' } }));
    const ent = await accounts.authenticate((await accounts.login('ent.fresh', 'password-123')).token);
    const order = await orders.submit(ent, buildOrder());
    await orders.vet(ADMIN, order._id, { approve: true });
    orderId = order._id;
    await seed.close();

    const common = { JWT_SECRET: SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'info', PORT: '0', REDIS_URL: redis.url };
    api = new EngineProcess('test/fault/engine-process.ts', { ...common, DATA_DIR: apiDir, WORKERS: 'false' });
    worker = new EngineProcess('src/worker.ts', { ...common, DATA_DIR: workerDir });
    const listening = await api.waitFor((line) => typeof line.port === 'number', { timeoutMs: 60_000 });
    apiUrl = `http://127.0.0.1:${String(listening.port)}`;
    await worker.waitFor((line) => line.msg === 'jiangxin worker running', { timeoutMs: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await api?.kill('SIGTERM');
    await worker?.kill('SIGTERM');
    await redis?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  /** Milliseconds until the order's candidate list satisfies `check`, or null after 5 s. */
  async function within5s(token: string, check: (names: string[]) => boolean): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < 5_000) {
      const res = await request(apiUrl).get(`/api/orders/${orderId}/candidates?limit=50`).set(bearer(token));
      expect(res.status).toBe(200);
      if (check(res.body.candidates.map((c: { name: string }) => c.name))) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }

  it('when a craftsman is registered and then suspended through the API, then it enters and then leaves the API\'s candidate lists within 5 s each', async () => {
    const token = (await request(apiUrl).post('/api/auth/login').send({ username: 'staff.duyun', password: 'password-123' }).expect(200)).body.token as string;
    // The candidate index is built now, before the craftsman exists.
    expect(await within5s(token, (names) => !names.includes('新焊工'))).not.toBeNull();

    const created = await request(apiUrl).post('/api/craftsmen').set(bearer(token)).send(buildCraftsman({ name: '新焊工', phone: '13985400099' })).expect(201);
    expect(await within5s(token, (names) => names.includes('新焊工')), 'registered craftsman ranked').not.toBeNull();

    await request(apiUrl).post(`/api/craftsmen/${created.body._id}/status`).set(bearer(token)).send({ status: 'suspended', reason: '暂停接单' }).expect(200);
    expect(await within5s(token, (names) => !names.includes('新焊工')), 'suspended craftsman gone').not.toBeNull();
  }, 60_000);
});
