import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, craftsmanWithToken, creditCode, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { enterpriseUnionToken } from './helpers.js';

describe('profile changes by the right person', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  let qnStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff, qnStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
  });
  afterAll(() => t.engine.close());

  it('when a craftsman edits its contact, bio and service modes, then they apply at once', async () => {
    const cra = await craftsmanWithToken(t);
    const res = await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ phone: '13900002222', bio: '新简介', serviceModes: ['remote'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '13900002222', bio: '新简介', serviceModes: ['remote'], pendingChange: null });
  });

  it('when a craftsman sets its own region, honours, skill grades, capacity or studio, then nothing applies and a proposal waits for staff with the difference; its county staff still reach it', async () => {
    const cra = await craftsmanWithToken(t, { capacity: 3 });
    const id = cra.craftsman._id;
    const proposed = { regionCode: '522702', honors: [{ title: '全国劳动模范', level: 'national', year: 2025 }], skills: [{ name: '焊接', grade: 1 }], capacity: 20, studio: '自封工作室' };
    const res = await t.http().patch(`/api/craftsmen/${id}`).set(bearer(cra.token)).send({ ...proposed, bio: '同时改简介' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ regionCode: '522701', capacity: 3, studio: null, bio: '同时改简介', skills: [{ name: '焊接', grade: 2 }] });
    expect(res.body.pendingChange).toMatchObject({ status: 'pending', subjectType: 'craftsman', subjectId: id });
    expect(res.body.pendingChange.changes).toEqual({
      regionCode: { from: '522701', to: '522702' },
      honors: { from: cra.craftsman.honors, to: proposed.honors },
      skills: { from: [{ name: '焊接', grade: 2 }], to: proposed.skills },
      capacity: { from: 3, to: 20 },
      studio: { from: null, to: '自封工作室' },
    });
    // The bug this closes: after moving itself, its own staff lost it (404) and could not suspend it.
    expect((await t.http().get(`/api/craftsmen/${id}`).set(bearer(dyStaff))).status).toBe(200);
    expect((await t.http().post(`/api/craftsmen/${id}/status`).set(bearer(dyStaff)).send({ status: 'paused', reason: '核实资料期间暂停' })).status).toBe(200);
    expect((await t.http().get('/api/profile-changes?status=pending').set(bearer(dyStaff))).body.items.map((c: { _id: string }) => c._id)).toContain(res.body.pendingChange._id);
    expect((await t.http().get('/api/profile-changes').set(bearer(fqStaff))).body.items.map((c: { _id: string }) => c._id)).not.toContain(res.body.pendingChange._id);
  });

  it('when staff outside the craftsman’s county decide its proposal, then 404; its own staff approve and it applies; a second decision is 409', async () => {
    const cra = await craftsmanWithToken(t);
    const id = cra.craftsman._id;
    const change = (await t.http().patch(`/api/craftsmen/${id}`).set(bearer(cra.token)).send({ capacity: 6, studio: '李建国焊接工作室' })).body.pendingChange;
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(fqStaff)).send({ approve: true })).status).toBe(404);
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(cra.token)).send({ approve: true })).status).toBe(403);
    const approved = await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await t.http().get(`/api/craftsmen/${id}`).set(bearer(dyStaff))).body).toMatchObject({ capacity: 6, studio: '李建国焊接工作室' });
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: false, reason: '重复' })).status).toBe(409);
  });

  it('when staff reject a proposal, then nothing changes and the reason is kept; a rejection without a reason is 400', async () => {
    const cra = await craftsmanWithToken(t);
    const change = (await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ honors: [] })).body.pendingChange;
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: false })).status).toBe(400);
    const rejected = await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(qnStaff)).send({ approve: false, reason: '荣誉需提供证书' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '荣誉需提供证书' });
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token))).body.honors).toEqual(cra.craftsman.honors);
  });

  it('when an approved region lies outside the deciding staff’s reach, then the approval is refused and the proposal stays pending', async () => {
    const cra = await craftsmanWithToken(t);
    const change = (await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ regionCode: '522702' })).body.pendingChange;
    const refused = await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('REGION_OUT_OF_SCOPE');
    expect((await t.http().get(`/api/profile-changes/${change._id}`).set(bearer(dyStaff))).body.status).toBe('pending');
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(qnStaff)).send({ approve: true })).status).toBe(200);
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(qnStaff))).body.regionCode).toBe('522702');
  });

  it('when a craftsman edits another craftsman or changes its own status beyond pause and resume, then 404 and 403', async () => {
    const a = await craftsmanWithToken(t);
    const b = await craftsmanWithToken(t);
    expect((await t.http().patch(`/api/craftsmen/${b.craftsman._id}`).set(bearer(a.token)).send({ bio: 'x' })).status).toBe(404);
    expect((await t.http().post(`/api/craftsmen/${a.craftsman._id}/status`).set(bearer(a.token)).send({ status: 'exited', reason: '自行退出' })).status).toBe(403);
    expect((await t.http().post(`/api/craftsmen/${a.craftsman._id}/status`).set(bearer(a.token)).send({ status: 'paused', reason: '外出' })).status).toBe(200);
  });

  it('when an enterprise or its own union changes its name, credit code or region, then the change waits for federation staff; contact and address apply', async () => {
    const ent = await enterpriseWithToken(t);
    const id = ent.enterprise._id;
    const code = creditCode('522701');
    const res = await t.http().patch(`/api/enterprises/${id}`).set(bearer(ent.token)).send({ name: '改名后的公司', creditCode: code, regionCode: '522702', address: '新厂区' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: ent.enterprise.name, creditCode: ent.enterprise.creditCode, regionCode: '522701', address: '新厂区' });
    expect(Object.keys(res.body.pendingChange.changes).sort()).toEqual(['creditCode', 'name', 'regionCode']);
    const union = await enterpriseUnionToken(t, id);
    const byUnion = await t.http().patch(`/api/enterprises/${id}`).set(bearer(union)).send({ name: '工会再改名' });
    expect(byUnion.status).toBe(200);
    expect(byUnion.body.name).toBe(ent.enterprise.name);
    expect(byUnion.body.pendingChange.changes.name).toEqual({ from: ent.enterprise.name, to: '工会再改名' });
    expect((await t.http().post(`/api/profile-changes/${byUnion.body.pendingChange._id}/decision`).set(bearer(union)).send({ approve: true })).status).toBe(404);
    const approved = await t.http().post(`/api/profile-changes/${byUnion.body.pendingChange._id}/decision`).set(bearer(qnStaff)).send({ approve: true });
    expect(approved.status).toBe(200);
    expect((await t.http().get(`/api/enterprises/${id}`).set(bearer(qnStaff))).body).toMatchObject({ name: '工会再改名', creditCode: code, regionCode: '522702' });
  });

  it('when staff set what only the admin may, then 403: private webhook addresses and the global rules', async () => {
    const webhook = await t.http().put('/api/orgs/org_522701/webhook').set(bearer(dyStaff)).send({ url: 'http://10.0.0.8/hook', secret: 'a-secret-of-16-chars', enabled: true, allowPrivate: true });
    expect(webhook.status).toBe(403);
    expect(webhook.body.error.code).toBe('WEBHOOK_PRIVATE_ADMIN_ONLY');
    expect((await t.http().put('/api/reputation-rules').set(bearer(qnStaff)).send({})).status).toBe(403);
    expect((await t.http().put('/api/reputation-rules').set(bearer(await adminToken(t))).send({})).status).toBe(200);
  });
});
