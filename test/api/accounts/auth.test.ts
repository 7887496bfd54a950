import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, tokenFor, type TestEngine } from '../../helpers/engine.js';

describe('accounts and tokens', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('when the password is right, then login returns a token and the user; /api/me answers with it', async () => {
    const { accounts } = t.engine.services;
    await accounts.insertUser(await accounts.prepareUser({ username: 'dy.staff.a', password: 'correct-horse', role: 'union_staff', displayName: '都匀工会', orgId: 'org_522701' }));
    const login = await t.http().post('/api/auth/login').send({ username: 'dy.staff.a', password: 'correct-horse' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: 'dy.staff.a', role: 'union_staff', orgId: 'org_522701' });
    expect(login.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/me').set(bearer(login.body.token));
    expect(me.status).toBe(200);
    expect(me.body.scope).toMatchObject({ orgId: 'org_522701', orgRegionCode: '522701' });
  });

  it('when the password is wrong or the user unknown, then 401 INVALID_CREDENTIALS either way', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ username: 'dy.staff.a', password: 'nope-nope' });
    const unknown = await t.http().post('/api/auth/login').send({ username: 'nobody.here', password: 'nope-nope' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('when the login body is incomplete or has extra fields, then 400 VALIDATION_FAILED', async () => {
    expect((await t.http().post('/api/auth/login').send({ username: 'x' })).body.error.code).toBe('VALIDATION_FAILED');
    const injected = await t.http().post('/api/auth/login').send({ username: { $ne: null }, password: 'x' });
    expect(injected.status).toBe(400);
    expect((await t.http().post('/api/auth/login').send({ username: 'a', password: 'b', role: 'admin' })).status).toBe(400);
  });

  it('when the token is missing, malformed, forged or expired, then 401 with a code saying which', async () => {
    expect((await t.http().get('/api/me')).body.error.code).toBe('TOKEN_MISSING');
    expect((await t.http().get('/api/me').set('Authorization', 'Basic abc')).body.error.code).toBe('TOKEN_MISSING');
    expect((await t.http().get('/api/me').set(bearer('not.a.jwt'))).body.error.code).toBe('TOKEN_INVALID');
    const forged = await new SignJWT({ role: 'admin', name: 'x' }).setProtectedHeader({ alg: 'HS256' }).setSubject('usr_x').setIssuer('jiangxin').setExpirationTime('1h').sign(new TextEncoder().encode('some-other-secret-some-other-secret'));
    expect((await t.http().get('/api/me').set(bearer(forged))).body.error.code).toBe('TOKEN_INVALID');

    const token = await tokenFor(t, { role: 'admin' });
    t.clock.advance(13 * 60 * 60 * 1000);
    const expired = await t.http().get('/api/me').set(bearer(token));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('TOKEN_EXPIRED');
  });
});
