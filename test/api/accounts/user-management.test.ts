import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, unique, type TestEngine } from '../../helpers/engine.js';
import { adminToken, enterpriseWithToken, staffToken } from '../../helpers/fixtures.js';

describe('user management: staff logins by admins and managing staff', () => {
  let t: TestEngine;
  let admin: string;
  beforeAll(async () => {
    t = await startTestEngine();
    admin = await adminToken(t);
  });
  afterAll(() => t.engine.close());

  const createStaff = (token: string, body: Record<string, unknown>) =>
    t.http().post('/api/users').set(bearer(token)).send({ username: `st.${unique()}`, password: 'staff-password-1', displayName: '工会干事', ...body });
  const signIn = async (username: string, password = 'staff-password-1') => (await t.http().post('/api/auth/login').send({ username, password })).body.token as string;

  it('when an admin creates a staff login for any org, then it signs in with that org scope and the trail names the admin', async () => {
    const created = await createStaff(admin, { orgId: 'org_522702', reason: '福泉市总工会新任干事' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'union_staff', orgId: 'org_522702', status: 'active', canManageAccounts: false });
    expect(created.body.passwordHash).toBeUndefined();
    const token = await signIn(created.body.username);
    const me = await t.http().get('/api/me').set(bearer(token));
    expect(me.body.scope).toMatchObject({ orgId: 'org_522702', orgRegionCode: '522702' });
    const trail = await t.http().get(`/api/users/${created.body.id}/audit`).set(bearer(admin));
    expect(trail.body.items[0]).toMatchObject({ action: 'user.created', reason: '福泉市总工会新任干事', details: { orgId: 'org_522702' } });
  });

  it('when a prefecture manager creates, lists and disables staff of its org and below, then it works; a sibling prefecture is 404', async () => {
    const manager = await createStaff(admin, { orgId: 'org_522700', canManageAccounts: true });
    expect(manager.status).toBe(201);
    const token = await signIn(manager.body.username);

    const county = await createStaff(token, { orgId: 'org_522701', displayName: '都匀市总工会 干事' });
    expect(county.status).toBe(201);
    const sibling = await createStaff(token, { orgId: 'org_522600' });
    expect(sibling.status).toBe(404);
    expect(sibling.body.error.code).toBe('ORG_NOT_FOUND');
    const unknown = await createStaff(token, { orgId: 'org_999999' });
    expect(unknown.body.error.code).toBe('ORG_NOT_FOUND');

    const elsewhere = await createStaff(admin, { orgId: 'org_522600' });
    expect(elsewhere.status).toBe(201);
    const list = await t.http().get('/api/users?limit=100').set(bearer(token));
    expect(list.status).toBe(200);
    const ids = list.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(county.body.id);
    expect(ids).not.toContain(elsewhere.body.id);
    expect(list.body.items.every((u: { role: string }) => u.role === 'union_staff')).toBe(true);

    const outside = await t.http().post(`/api/users/${elsewhere.body.id}/status`).set(bearer(token)).send({ status: 'disabled', reason: '越权尝试' });
    expect(outside.status).toBe(404);
    const disabled = await t.http().post(`/api/users/${county.body.id}/status`).set(bearer(token)).send({ status: 'disabled', reason: '调离工作岗位' });
    expect(disabled.status).toBe(200);
    expect((await t.http().post('/api/auth/login').send({ username: county.body.username, password: 'staff-password-1' })).body.error.code).toBe('ACCOUNT_DISABLED');
    const own = await t.http().post(`/api/users/${manager.body.id}/status`).set(bearer(token)).send({ status: 'disabled', reason: '自己停用自己' });
    expect(own.status).toBe(404);
  });

  it('when staff without the manager right try to create or list staff, then 404 and an empty list', async () => {
    const plain = await staffToken(t, '522701');
    const created = await createStaff(plain, { orgId: 'org_522701' });
    expect(created.status).toBe(404);
    const list = await t.http().get('/api/users').set(bearer(plain));
    expect(list.body).toMatchObject({ items: [], total: 0 });
  });

  it('when staff look up the logins of an enterprise, then they see them within their reach and nothing outside it', async () => {
    const { enterprise } = await enterpriseWithToken(t, { regionCode: '522701' });
    const inReach = await t.http().get(`/api/users?subjectId=${enterprise._id}`).set(bearer(await staffToken(t, '522701')));
    expect(inReach.body.total).toBe(1);
    expect(inReach.body.items[0]).toMatchObject({ role: 'enterprise', subjectId: enterprise._id });
    const outOfReach = await t.http().get(`/api/users?subjectId=${enterprise._id}`).set(bearer(await staffToken(t, '522702')));
    expect(outOfReach.body.total).toBe(0);
  });

  it('when an enterprise or craftsman calls user management, then 403 by role; an admin never disables itself', async () => {
    const { token } = await enterpriseWithToken(t);
    expect((await t.http().get('/api/users').set(bearer(token))).status).toBe(403);
    expect((await t.http().get('/api/audit').set(bearer(await staffToken(t, '522701')))).status).toBe(403);
    const me = await t.http().get('/api/me').set(bearer(admin));
    expect((await t.http().post(`/api/users/${me.body.user.id}/status`).set(bearer(admin)).send({ status: 'disabled', reason: '自己停用自己' })).status).toBe(404);
    const all = await t.http().get('/api/audit').set(bearer(admin));
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
  });

  it('when a username is taken or the body is wrong, then 409 USERNAME_TAKEN or 400 VALIDATION_FAILED', async () => {
    const first = await createStaff(admin, { orgId: 'org_522701' });
    const again = await t.http().post('/api/users').set(bearer(admin)).send({ username: first.body.username, password: 'staff-password-1', displayName: '重复', orgId: 'org_522701' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USERNAME_TAKEN');
    const bad = await t.http().post('/api/users').set(bearer(admin)).send({ username: 'x', password: '1', displayName: '', orgId: 'org_522701', role: 'admin' });
    expect(bad.status).toBe(400);
  });
});

describe('login throttling over HTTP', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine(
      {},
      {
        loginThrottlePolicy: {
          account: { freeFailures: 3, baseDelaySeconds: 1, lockoutAfter: 10, lockoutSeconds: 60, windowSeconds: 60 },
          client: { freeFailures: 50, baseDelaySeconds: 1, lockoutAfter: 100, lockoutSeconds: 60, windowSeconds: 60 },
        },
      },
    );
  });
  afterAll(() => t.engine.close());

  it('when a password is guessed repeatedly, then 429 with Retry-After and a zh-CN message; after the wait the right password signs in', async () => {
    const { accounts } = t.engine.services;
    await accounts.insertUser(await accounts.prepareUser({ username: 'guessed.staff', password: 'the-right-one', role: 'union_staff', displayName: '都匀工会', orgId: 'org_522701' }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await t.http().post('/api/auth/login').send({ username: 'guessed.staff', password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const throttled = await t.http().post('/api/auth/login').send({ username: 'guessed.staff', password: 'the-right-one' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.body.error).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } });
    expect(throttled.body.error.message).toMatch(/登录失败次数过多，请 1 秒后再试/);

    await new Promise((resolve) => setTimeout(resolve, Number(throttled.headers['retry-after']) * 1000 + 50));
    const good = await t.http().post('/api/auth/login').send({ username: 'guessed.staff', password: 'the-right-one' });
    expect(good.status).toBe(200);
  });
});
