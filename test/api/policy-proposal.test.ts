import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/orders/order.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

/**
 * 福泉 staff keep choosing the plain welder next door over three honoured welders from 都匀 whom the
 * default weights rank first: from 20 such decisions the engine proposes more weight on place.
 */
describe('weights learnt from an org\'s dispatch decisions are proposed, and change nothing until accepted', () => {
  let t: TestEngine;
  let fq: string;
  let dy: string;
  let qn: string;
  let enterprises: Array<Awaited<ReturnType<typeof enterpriseWithToken>>>;
  let local: Awaited<ReturnType<typeof craftsmanWithToken>>;
  const ORG = 'org_522702';

  const openOrder = async (ent: { token: string }, overrides = {}) => {
    const { body } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '反应釜焊缝渗漏需焊接专家', ...overrides })).expect(201);
    const vetted = await t.http().post(`/api/orders/${body._id}/vet`).set(bearer(fq)).send({ approve: true }).expect(200);
    return vetted.body as Order;
  };
  const rankOf = async (orderId: string, craftsmanId: string) => {
    const res = await t.http().get(`/api/orders/${orderId}/candidates?limit=10`).set(bearer(qn)).expect(200);
    return res.body.candidates.findIndex((c: { craftsmanId: string }) => c.craftsmanId === craftsmanId) + 1;
  };

  beforeAll(async () => {
    t = await startTestEngine();
    [fq, dy, qn] = await Promise.all([staffToken(t, '522702'), staffToken(t, '522701'), staffToken(t, '522700')]);
    enterprises = await Promise.all([0, 1].map(() => enterpriseWithToken(t, { regionCode: '522702' })));
    for (const [i, county] of ['522701', '522701', '522701'].entries()) {
      await craftsmanWithToken(t, { name: `都匀名匠${i}`, regionCode: county, skills: [{ name: '焊接', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2019 }], bio: '焊接', capacity: 50 });
    }
    local = await craftsmanWithToken(t, { name: '福泉焊工', regionCode: '522702', skills: [{ name: '焊接', grade: 4 }], honors: [], bio: '焊接', capacity: 50 });
    await settle(t);
    // 20 decisions by the prefecture's staff on 福泉 orders (governed by 福泉's policy): always the local welder.
    for (let i = 0; i < 20; i++) {
      const order = await openOrder(enterprises[i % 2]!);
      await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(qn)).send({ craftsmanId: local.craftsman._id }).expect(201);
    }
  }, 120_000);
  afterAll(() => t.engine.close());

  it('when the org has enough decisions, then the proposal raises place, shows the held-out gain, and the policy is unchanged', async () => {
    const probe = await openOrder(enterprises[0]!);
    const rankBefore = await rankOf(probe._id, local.craftsman._id);
    expect(rankBefore).toBe(4);

    const res = await t.http().get(`/api/orgs/${ORG}/matching-policy/proposal`).set(bearer(fq)).expect(200);
    expect(res.body.ready).toBe(true);
    expect(res.body.decisions).toBe(20);
    expect(res.body.fittedOn).toBe(14);
    expect(res.body.heldOut).toBe(6);
    expect(res.body.agreementTop3.before).toBe(0);
    expect(res.body.agreementTop3.after).toBe(1);
    expect(res.body.proposed.weights.region).toBeGreaterThan(res.body.current.weights.region);
    expect(res.body.message).toContain('前三名');
    expect(res.body.factors.find((f: { factor: string }) => f.factor === 'region').label).toBe('地域距离');

    // Nothing applied: the org has no policy of its own, the ranking is as before, the trail is empty.
    expect((await t.http().get(`/api/orgs/${ORG}/matching-policy`).set(bearer(fq)).expect(200)).body.own).toBeNull();
    expect(await rankOf(probe._id, local.craftsman._id)).toBe(rankBefore);
    expect((await t.http().get(`/api/orgs/${ORG}/matching-audit`).set(bearer(fq)).expect(200)).body.items).toEqual([]);
  });

  it('scope: staff of another county get 404, enterprises 403; accepting a stale or unknown version is 409, a malformed body 400', async () => {
    expect((await t.http().get(`/api/orgs/${ORG}/matching-policy/proposal`).set(bearer(dy))).status).toBe(404);
    expect((await t.http().post(`/api/orgs/${ORG}/matching-policy/proposal/accept`).set(bearer(dy)).send({ policyVersion: 'x' })).status).toBe(404);
    expect((await t.http().get(`/api/orgs/${ORG}/matching-policy/proposal`).set(bearer(enterprises[0]!.token))).status).toBe(403);
    const stale = await t.http().post(`/api/orgs/${ORG}/matching-policy/proposal/accept`).set(bearer(fq)).send({ policyVersion: 'skill10-old' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('POLICY_PROPOSAL_CHANGED');
    const bad = await t.http().post(`/api/orgs/${ORG}/matching-policy/proposal/accept`).set(bearer(fq)).send({ weights: { region: 10 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    // An org without decisions gets no proposal.
    const none = await t.http().get('/api/orgs/org_522701/matching-policy/proposal').set(bearer(dy)).expect(200);
    expect(none.body).toMatchObject({ ready: false, decisions: 0, proposed: null });
    expect(none.body.message).toContain('少于 20 条');
    expect((await t.http().get(`/api/orgs/${ORG}/matching-policy`).set(bearer(fq)).expect(200)).body.own).toBeNull();
  });

  it('when staff accept the proposal, then it becomes the org\'s weights, is audited, and the local welder moves up', async () => {
    const probe = await openOrder(enterprises[1]!);
    const { body: proposal } = await t.http().get(`/api/orgs/${ORG}/matching-policy/proposal`).set(bearer(fq)).expect(200);
    const accepted = await t.http().post(`/api/orgs/${ORG}/matching-policy/proposal/accept`).set(bearer(fq)).send({ policyVersion: proposal.proposed.policyVersion }).expect(200);
    expect(accepted.body.own.weights).toEqual(proposal.proposed.weights);
    expect(accepted.body.effective.weights).toEqual(proposal.proposed.weights);
    const trail = await t.http().get(`/api/orgs/${ORG}/matching-audit`).set(bearer(fq)).expect(200);
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({ action: 'matching_policy.proposal_accepted', orgId: ORG, before: null, after: { weights: proposal.proposed.weights } });
    expect(trail.body.items[0].details.agreementTop3).toEqual(proposal.agreementTop3);
    expect(await rankOf(probe._id, local.craftsman._id)).toBeLessThanOrEqual(3);
  });
});
