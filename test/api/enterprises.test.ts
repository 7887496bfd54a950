import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildEnterprise, enterpriseWithToken, staffToken, adminToken } from '../helpers/fixtures.js';

describe('enterprises', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  let qnStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff, qnStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
  });
  afterAll(() => t.engine.close());

  it('when county staff register an enterprise with a login, then 201 and the login works', async () => {
    const body = { ...buildEnterprise(), account: { username: 'ent.reg.one', password: 'password-1' } };
    const res = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: body.name, regionPath: ['520000', '522700', '522701'], account: { username: 'ent.reg.one' } });
    const login = await t.http().post('/api/auth/login').send({ username: 'ent.reg.one', password: 'password-1' });
    expect(login.body.user).toMatchObject({ role: 'enterprise', subjectId: res.body._id });
    const own = await t.http().get(`/api/enterprises/${res.body._id}`).set(bearer(login.body.token));
    expect(own.status).toBe(200);
  });

  it('when the username or credit code is taken, then 409 with a stable code and nothing is half-created', async () => {
    const first = buildEnterprise();
    await t.http().post('/api/enterprises').set(bearer(dyStaff)).send({ ...first, account: { username: 'ent.taken', password: 'password-1' } }).expect(201);
    const sameUser = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send({ ...buildEnterprise(), account: { username: 'ent.taken', password: 'password-1' } });
    expect(sameUser.status).toBe(409);
    expect(sameUser.body.error.code).toBe('USERNAME_TAKEN');
    const sameCode = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send({ ...buildEnterprise(), creditCode: first.creditCode });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('rejects a bad credit code check character, an unknown region, a bad phone and unknown fields', async () => {
    const good = buildEnterprise();
    const badCheck = good.creditCode.slice(0, 17) + (good.creditCode[17] === '0' ? '1' : '0');
    const cases = [
      { ...good, creditCode: badCheck },
      { ...buildEnterprise(), regionCode: '12345' },
      { ...buildEnterprise(), contact: { name: '王', phone: '12345678901' } },
      { ...buildEnterprise(), status: 'closed' },
    ];
    for (const body of cases) {
      const res = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    const unknownRegion = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send(buildEnterprise({ regionCode: '522799' }));
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.error.code).toBe('REGION_UNKNOWN');
  });

  it('when county staff register outside their county, then 403 REGION_OUT_OF_SCOPE; the prefecture may', async () => {
    const res = await t.http().post('/api/enterprises').set(bearer(dyStaff)).send(buildEnterprise({ regionCode: '522702' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REGION_OUT_OF_SCOPE');
    expect((await t.http().post('/api/enterprises').set(bearer(qnStaff)).send(buildEnterprise({ regionCode: '522702' }))).status).toBe(201);
  });

  it('lists and reads only within scope: 福泉 staff see no 都匀 enterprise, by list or by id', async () => {
    const { enterprise } = await enterpriseWithToken(t);
    const fqList = await t.http().get('/api/enterprises?limit=100').set(bearer(fqStaff));
    expect(fqList.body.items.every((e: { regionPath: string[] }) => e.regionPath.includes('522702'))).toBe(true);
    expect((await t.http().get(`/api/enterprises/${enterprise._id}`).set(bearer(fqStaff))).status).toBe(404);
    const dyList = await t.http().get('/api/enterprises?limit=100').set(bearer(dyStaff));
    expect(dyList.body.items.map((e: { _id: string }) => e._id)).toContain(enterprise._id);
    expect(dyList.body).toMatchObject({ page: 1, limit: 100 });
    expect((await t.http().get('/api/enterprises?limit=1000').set(bearer(dyStaff))).status).toBe(400);
  });

  it('when an enterprise reads another enterprise, then 404; it may edit its own contact, and moving itself waits for staff', async () => {
    const a = await enterpriseWithToken(t);
    const b = await enterpriseWithToken(t);
    expect((await t.http().get(`/api/enterprises/${b.enterprise._id}`).set(bearer(a.token))).status).toBe(404);
    expect((await t.http().patch(`/api/enterprises/${b.enterprise._id}`).set(bearer(a.token)).send({ address: 'x' })).status).toBe(404);
    const edited = await t.http().patch(`/api/enterprises/${a.enterprise._id}`).set(bearer(a.token)).send({ contact: { name: '李主任', phone: '13900001111' } });
    expect(edited.status).toBe(200);
    expect(edited.body.contact.name).toBe('李主任');
    const moved = await t.http().patch(`/api/enterprises/${a.enterprise._id}`).set(bearer(a.token)).send({ regionCode: '522702' });
    expect(moved.status).toBe(200);
    expect(moved.body.regionCode).toBe('522701');
    expect(moved.body.pendingChange).toMatchObject({ status: 'pending', changes: { regionCode: { from: '522701', to: '522702' } } });
    expect((await t.http().patch(`/api/enterprises/${a.enterprise._id}`).set(bearer(a.token)).send({ creditCode: 'x' })).status).toBe(400);
    expect((await t.http().post('/api/enterprises').set(bearer(a.token)).send(buildEnterprise())).status).toBe(403);
  });

  it('admin sees everything', async () => {
    const admin = await adminToken(t);
    const res = await t.http().get('/api/enterprises').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(3);
  });
});
