import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRequest as request } from '../helpers/openapi-check.js';
import { describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/bootstrap/demo-seed.js';
import { loadConfig } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import { bearer, fastHasher } from '../helpers/engine.js';
import { buildOrder } from '../helpers/fixtures.js';

describe('a stop and a start', () => {
  it('when the engine restarts on its data directory, then nothing is lost, nothing is re-seeded and tokens stay valid', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-restart-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(config.jwtSecret).toBeUndefined();

    const first = await buildEngine(config, { hasher: fastHasher() });
    const seeded = await seedDemoIfEmpty(first, 'jiangxin-demo');
    expect(seeded).toMatchObject({ accounts: ['admin', 'qn.union', 'dy.union', 'fq.union', 'ent.demo', 'craftsman.demo'] });
    expect(seeded!.enterprises).toBeGreaterThanOrEqual(30);
    expect(seeded!.craftsmen).toBeGreaterThanOrEqual(150);
    expect(seeded!.orders).toBeGreaterThanOrEqual(60);
    const login = await request(first.app).post('/api/auth/login').send({ username: 'ent.demo', password: 'jiangxin-demo' }).expect(200);
    const created = await request(first.app).post('/api/orders').set(bearer(login.body.token)).send(buildOrder({ title: '重启前提交的需求' })).expect(201);
    const counts = { orders: await first.store.collection('orders').count({}), users: await first.store.collection('users').count({}) };
    const secret = await readFile(join(dataDir, 'jwt-secret'), 'utf8');
    await first.close();

    const second = await buildEngine(config, { hasher: fastHasher() });
    expect(await seedDemoIfEmpty(second, 'jiangxin-demo')).toBeNull();
    expect(await second.store.collection('orders').count({})).toBe(counts.orders);
    expect(await second.store.collection('users').count({})).toBe(counts.users);
    expect(await readFile(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
    const again = await request(second.app).get(`/api/orders/${created.body._id}`).set(bearer(login.body.token));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ title: '重启前提交的需求', status: 'submitted' });
    await second.close();
  }, 60_000);
});
