import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../../src/services/index.js';
import { bearer, startTestEngine, type TestEngine } from '../../helpers/engine.js';
import { adminToken, buildCraftsman, buildEnterprise, staffToken } from '../../helpers/fixtures.js';
import { unique } from '../../helpers/engine.js';

describe('account lifecycle: revocation, logout, password change and reset', () => {
  let t: TestEngine;
  let admin: string;
  beforeAll(async () => {
    t = await startTestEngine();
    admin = await adminToken(t);
  });
  afterAll(() => t.engine.close());

  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  /** A craftsman in 都匀市 registered with a login, signed in. */
  async function craftsmanSignedIn() {
    const username = `cra.${unique()}`;
    const created = await t.http().post('/api/craftsmen').set(bearer(admin)).send(buildCraftsman({ account: { username, password: 'craftsman-pass-1' } }));
    expect(created.status).toBe(201);
    const signed = await login(username, 'craftsman-pass-1');
    expect(signed.status).toBe(200);
    return { id: created.body._id as string, username, token: signed.body.token as string, userId: signed.body.user.id as string };
  }

  /** An enterprise in the given county with a login, signed in. */
  async function enterpriseSignedIn(regionCode = '522701') {
    const username = `ent.${unique()}`;
    const created = await t.http().post('/api/enterprises').set(bearer(admin)).send(buildEnterprise({ regionCode, account: { username, password: 'enterprise-pass-1' } }));
    expect(created.status).toBe(201);
    const signed = await login(username, 'enterprise-pass-1');
    return { id: created.body._id as string, username, token: signed.body.token as string, userId: signed.body.user.id as string };
  }

  /** Polls `probe` every 100 ms for up to 5 s; returns how long it took to become true. */
  async function within5s(probe: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < 5_000) {
      if (await probe()) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('not revoked within 5 s');
  }

  it('when staff suspend a craftsman, then its token stops working within 5 s, a fresh login is refused, and the trail says why', async () => {
    const craftsman = await craftsmanSignedIn();
    expect((await t.http().get('/api/me').set(bearer(craftsman.token))).status).toBe(200);
    const staff = await staffToken(t, '522701');
    const suspended = await t.http().post(`/api/craftsmen/${craftsman.id}/status`).set(bearer(staff)).send({ status: 'suspended', reason: '服务投诉核实' });
    expect(suspended.status).toBe(200);

    await within5s(async () => (await t.http().get('/api/orders').set(bearer(craftsman.token))).status === 401);
    const me = await t.http().get('/api/me').set(bearer(craftsman.token));
    expect(me.body.error.code).toBe('TOKEN_REVOKED');
    const again = await login(craftsman.username, 'craftsman-pass-1');
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(again.body.error.message).toMatch(/停用/);

    const trail = await t.http().get(`/api/users/${craftsman.userId}/audit`).set(bearer(staff));
    expect(trail.status).toBe(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'user.tokens_revoked', reason: '服务投诉核实' });
  });

  it('when a craftsman exits the pool, then its token is revoked and it cannot sign in', async () => {
    const craftsman = await craftsmanSignedIn();
    await t.http().post(`/api/craftsmen/${craftsman.id}/status`).set(bearer(admin)).send({ status: 'exited', reason: '本人申请退出' });
    expect((await t.http().get('/api/me').set(bearer(craftsman.token))).body.error.code).toBe('TOKEN_REVOKED');
    expect((await login(craftsman.username, 'craftsman-pass-1')).body.error.code).toBe('ACCOUNT_DISABLED');
  });

  it('when a login is disabled, then its token stops within 5 s and login is refused; enabled again, it signs in but the old token stays dead', async () => {
    const enterprise = await enterpriseSignedIn();
    const staff = await staffToken(t, '522701');
    const disabled = await t.http().post(`/api/users/${enterprise.userId}/status`).set(bearer(staff)).send({ status: 'disabled', reason: '企业注销' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    await within5s(async () => (await t.http().get('/api/me').set(bearer(enterprise.token))).status === 401);
    expect((await login(enterprise.username, 'enterprise-pass-1')).body.error.code).toBe('ACCOUNT_DISABLED');

    await t.http().post(`/api/users/${enterprise.userId}/status`).set(bearer(staff)).send({ status: 'active', reason: '企业恢复经营' });
    const back = await login(enterprise.username, 'enterprise-pass-1');
    expect(back.status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(back.body.token))).status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(enterprise.token))).status).toBe(401);

    const trail = await t.http().get(`/api/users/${enterprise.userId}/audit`).set(bearer(admin));
    expect(trail.body.items.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['user.enabled', '企业恢复经营'],
      ['user.disabled', '企业注销'],
    ]);
  });

  it('when another API process disabled the login, then this one refuses its token once its short user-state cache lapses (≤ 2 s)', async () => {
    const enterprise = await enterpriseSignedIn();
    const other = buildServices(t.engine.parts, t.engine.services.deps, { accounts: { userStateTtlMs: 2_000 } });
    expect((await other.accounts.authenticate(enterprise.token)).userId).toBe(enterprise.userId);
    await t.http().post(`/api/users/${enterprise.userId}/status`).set(bearer(admin)).send({ status: 'disabled', reason: '多进程吊销' });
    t.clock.advance(2_001);
    await expect(other.accounts.authenticate(enterprise.token)).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  });

  it('when a user logs out, then that token answers 401 TOKEN_REVOKED and a new login works', async () => {
    const enterprise = await enterpriseSignedIn();
    const out = await t.http().post('/api/auth/logout').set(bearer(enterprise.token));
    expect(out.status).toBe(204);
    const after = await t.http().get('/api/me').set(bearer(enterprise.token));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_REVOKED');
    expect((await login(enterprise.username, 'enterprise-pass-1')).status).toBe(200);
  });

  it('when a user changes its own password, then the current one is required, the old tokens end and the new password signs in', async () => {
    const enterprise = await enterpriseSignedIn();
    const wrong = await t.http().post('/api/auth/password').set(bearer(enterprise.token)).send({ currentPassword: 'not-it', newPassword: 'enterprise-pass-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    const short = await t.http().post('/api/auth/password').set(bearer(enterprise.token)).send({ currentPassword: 'enterprise-pass-1', newPassword: 'short' });
    expect(short.body.error.code).toBe('VALIDATION_FAILED');

    const changed = await t.http().post('/api/auth/password').set(bearer(enterprise.token)).send({ currentPassword: 'enterprise-pass-1', newPassword: 'enterprise-pass-2' });
    expect(changed.status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(changed.body.token))).status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(enterprise.token))).body.error.code).toBe('TOKEN_REVOKED');
    expect((await login(enterprise.username, 'enterprise-pass-1')).status).toBe(401);
    expect((await login(enterprise.username, 'enterprise-pass-2')).status).toBe(200);
    const trail = await t.http().get(`/api/users/${enterprise.userId}/audit`).set(bearer(admin));
    expect(trail.body.items[0]).toMatchObject({ action: 'user.password_changed', actorId: enterprise.userId });
  });

  it('when county staff reset a password in their county, then it works and old tokens end; out of their county or for staff, then 404', async () => {
    const enterprise = await enterpriseSignedIn('522701');
    const duyun = await staffToken(t, '522701');
    const fuquan = await staffToken(t, '522702');

    const outOfScope = await t.http().post(`/api/users/${enterprise.userId}/password-reset`).set(bearer(fuquan)).send({ newPassword: 'reset-by-fuquan', reason: '越权尝试' });
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body.error.code).toBe('USER_NOT_FOUND');

    const reset = await t.http().post(`/api/users/${enterprise.userId}/password-reset`).set(bearer(duyun)).send({ newPassword: 'reset-by-duyun', reason: '企业联系人遗忘密码' });
    expect(reset.status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(enterprise.token))).status).toBe(401);
    expect((await login(enterprise.username, 'enterprise-pass-1')).status).toBe(401);
    expect((await login(enterprise.username, 'reset-by-duyun')).status).toBe(200);

    const staffMe = await t.http().get('/api/me').set(bearer(fuquan));
    const staffReset = await t.http().post(`/api/users/${staffMe.body.user.id}/password-reset`).set(bearer(duyun)).send({ newPassword: 'reset-by-duyun', reason: '越权尝试' });
    expect(staffReset.status).toBe(404);
    const byAdmin = await t.http().post(`/api/users/${staffMe.body.user.id}/password-reset`).set(bearer(admin)).send({ newPassword: 'reset-by-admin', reason: '工作人员遗忘密码' });
    expect(byAdmin.status).toBe(200);
    expect((await t.http().get('/api/me').set(bearer(fuquan))).status).toBe(401);
  });

  it('when a reason is missing or a body is malformed, then 400 VALIDATION_FAILED with a zh-CN message', async () => {
    const enterprise = await enterpriseSignedIn();
    const res = await t.http().post(`/api/users/${enterprise.userId}/status`).set(bearer(admin)).send({ status: 'disabled' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/请求参数不正确/);
  });

  it('when any API answer is sent, then it carries Cache-Control: no-store', async () => {
    const me = await t.http().get('/api/me').set(bearer(admin));
    expect(me.headers['cache-control']).toBe('no-store');
    expect((await t.http().get('/api/orders')).headers['cache-control']).toBe('no-store');
  });
});
