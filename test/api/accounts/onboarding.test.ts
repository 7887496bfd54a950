import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { checkedRequest as request } from '../../helpers/openapi-check.js';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../../src/bootstrap/first-admin.js';
import { loadConfig } from '../../../src/config.js';
import { buildEngine, type Engine } from '../../../src/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder } from '../../helpers/fixtures.js';
import { fastHasher } from '../../helpers/engine.js';

/**
 * A federation's first day, following README "Accounts" only: a production config on an empty data
 * directory (no demo data), the first admin from the environment, then everything over the HTTP API.
 */
describe('a fresh production store, from nothing to a first dispatched order', () => {
  let engine: Engine | null = null;
  let dataDir = '';
  afterAll(async () => {
    await engine?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('when the documented steps are followed, then the admin, a county staff login, its enterprise and craftsman, and a dispatched order all work', { timeout: 60_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jx-onboarding-'));
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'onboarding-test-secret-0123456789abcdef',
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ADMIN_USERNAME: 'qn.admin',
      ADMIN_PASSWORD: 'qiannan-first-admin-2026',
    });
    expect(config.seedDemo).toBe(false);
    const logger = pino({ level: 'silent' });
    // What `npm start` does before listening (src/main.ts): open the store, then the first-admin step.
    engine = await buildEngine(config, { logger, hasher: fastHasher() });
    await engine.startWorkers();
    expect(await engine.store.collection('users').count({})).toBe(0);
    expect(await ensureFirstAdmin(engine.services, config.initialAdmin, logger)).toBe('created');
    const http = () => request(engine!.app);
    const signIn = async (username: string, password: string) => {
      const res = await http().post('/api/auth/login').send({ username, password });
      expect(res.status, `${username} signs in`).toBe(200);
      return { Authorization: `Bearer ${res.body.token}` };
    };

    // The demo logins do not exist.
    expect((await http().post('/api/auth/login').send({ username: 'admin', password: 'jiangxin-demo' })).status).toBe(401);

    const admin = await signIn('qn.admin', 'qiannan-first-admin-2026');
    const staff = await http().post('/api/users').set(admin).send({ username: 'dy.staff', password: 'duyun-staff-pass', displayName: '都匀市总工会 干事', orgId: 'org_522701', reason: '都匀市总工会开通账号' });
    expect(staff.status).toBe(201);
    const county = await signIn('dy.staff', 'duyun-staff-pass');

    const enterprise = await http().post('/api/enterprises').set(county).send(buildEnterprise({ regionCode: '522701', account: { username: 'dy.ent.first', password: 'enterprise-pass-1' } }));
    expect(enterprise.status).toBe(201);
    const craftsman = await http().post('/api/craftsmen').set(county).send(buildCraftsman({ regionCode: '522701', account: { username: 'dy.cra.first', password: 'craftsman-pass-1' } }));
    expect(craftsman.status).toBe(201);

    const ent = await signIn('dy.ent.first', 'enterprise-pass-1');
    const order = await http().post('/api/orders').set(ent).send(buildOrder());
    expect(order.status).toBe(201);
    expect((await http().post(`/api/orders/${order.body._id}/vet`).set(county).send({ approve: true })).status).toBe(200);
    const offer = await http().post(`/api/orders/${order.body._id}/offers`).set(county).send({ craftsmanId: craftsman.body._id });
    expect(offer.status).toBe(201);

    const cra = await signIn('dy.cra.first', 'craftsman-pass-1');
    const offers = await http().get('/api/offers?status=pending').set(cra);
    expect(offers.body.items).toHaveLength(1);
    const accepted = await http().post(`/api/offers/${offers.body.items[0]._id}/accept`).set(cra);
    expect(accepted.status).toBe(200);
    const seen = await http().get(`/api/orders/${order.body._id}`).set(county);
    expect(seen.body).toMatchObject({ status: 'in_progress', craftsmanId: craftsman.body._id });

    // A restart keeps the admin and does not create another one.
    await engine.close();
    engine = await buildEngine(config, { logger, hasher: fastHasher() });
    expect(await ensureFirstAdmin(engine.services, config.initialAdmin, logger)).toBe('exists');
    expect(await engine.store.collection('users').count({ role: 'admin' })).toBe(1);
    await signIn('dy.staff', 'duyun-staff-pass');
  });
});
