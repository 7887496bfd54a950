import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDecision } from '../../src/domain/matching/index.js';
import type { Order } from '../../src/domain/orders/order.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('dispatch decisions are kept as feedback: the list staff saw, whom they chose, what came of it', () => {
  let t: TestEngine;
  let dy: string;
  let fq: string;
  let qn: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let star: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let neighbour: Awaited<ReturnType<typeof craftsmanWithToken>>;
  beforeAll(async () => {
    t = await startTestEngine();
    [dy, fq, qn] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
    ent = await enterpriseWithToken(t);
    star = await craftsmanWithToken(t, { name: '反馈甲', skills: [{ name: '焊接', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2020 }], bio: '反应釜焊缝返修', capacity: 5 });
    neighbour = await craftsmanWithToken(t, { name: '反馈乙', skills: [{ name: '焊接', grade: 3 }], honors: [], bio: '管道焊接', capacity: 5 });
    await settle(t);
  });
  afterAll(() => t.engine.close());

  const openOrder = async (overrides = {}) => {
    const { body } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder(overrides)).expect(201);
    const vetted = await t.http().post(`/api/orders/${body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    return vetted.body as Order;
  };
  const decisionsOf = async (token: string, orderId: string) => {
    const res = await t.http().get(`/api/dispatch/decisions?orderId=${orderId}`).set(bearer(token)).expect(200);
    return res.body.items as DispatchDecision[];
  };

  it('when staff offer an order to the second-ranked craftsman, then the decision keeps the ranked list, the choice and its factors', async () => {
    const order = await openOrder();
    const shown = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy)).expect(200);
    const ranked = shown.body.candidates.map((c: { craftsmanId: string }) => c.craftsmanId);
    expect(ranked.indexOf(star.craftsman._id)).toBeLessThan(ranked.indexOf(neighbour.craftsman._id));
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: neighbour.craftsman._id }).expect(201);

    const [decision] = await decisionsOf(dy, order._id);
    expect(decision).toBeDefined();
    expect(decision!._id).toBe(offer.body._id);
    expect(decision!.kind).toBe('manual');
    expect(decision!.orgId).toBe('org_522701');
    expect(decision!.shown.map((c) => c.craftsmanId)).toEqual(ranked.slice(0, decision!.shown.length));
    expect(decision!.shown.map((c) => c.rank)).toEqual(decision!.shown.map((_, i) => i + 1));
    expect(decision!.chosen.craftsmanId).toBe(neighbour.craftsman._id);
    expect(decision!.chosen.rank).toBe(ranked.indexOf(neighbour.craftsman._id) + 1);
    expect(decision!.chosen.values).toHaveLength(decision!.factors.length);
    expect(decision!.factors).toContain('region');
    expect(decision!.policyVersion).toMatch(/^skill\d/);
    expect(decision!.outcome.status).toBe('pending');
  });

  it('when the craftsman accepts and the enterprise confirms with a rating, then the outcome reads completed with that rating', async () => {
    const order = await openOrder();
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: star.craftsman._id }).expect(201);
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(star.token)).expect(200);
    await settle(t);
    expect((await decisionsOf(dy, order._id))[0]!.outcome.status).toBe('accepted');
    await t.http().post(`/api/orders/${order._id}/resolve`).set(bearer(star.token)).send({ summary: '返修完成' }).expect(200);
    await t.http().post(`/api/orders/${order._id}/confirm`).set(bearer(ent.token)).send({ rating: 4 }).expect(200);
    await settle(t);
    const [decision] = await decisionsOf(dy, order._id);
    expect(decision!.outcome).toMatchObject({ status: 'completed', rating: 4 });
  });

  it('when an offer is declined, then its decision says declined with the reason, and a re-dispatch is a second decision', async () => {
    const order = await openOrder();
    const first = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: star.craftsman._id }).expect(201);
    await t.http().post(`/api/offers/${first.body._id}/decline`).set(bearer(star.token)).send({ reason: '外出培训' }).expect(200);
    await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: neighbour.craftsman._id }).expect(201);
    await settle(t);
    const decisions = await decisionsOf(dy, order._id);
    expect(decisions).toHaveLength(2);
    const declined = decisions.find((d) => d._id === first.body._id)!;
    expect(declined.outcome).toMatchObject({ status: 'declined', reason: '外出培训' });
    // The declined craftsman is excluded from the order, so the second list no longer shows them.
    const second = decisions.find((d) => d._id !== first.body._id)!;
    expect(second.shown.map((c) => c.craftsmanId)).not.toContain(star.craftsman._id);
    expect(second.outcome.status).toBe('pending');
  });

  it('when a batch plan is applied, then each offer it makes is a plan decision', async () => {
    const order = await openOrder();
    const plan = await t.http().post('/api/dispatch/plans').set(bearer(dy)).send({ orderIds: [order._id] }).expect(201);
    await t.http().post(`/api/dispatch/plans/${plan.body._id}/apply`).set(bearer(dy)).expect(200);
    const [decision] = await decisionsOf(dy, order._id);
    expect(decision!.kind).toBe('plan');
    expect(decision!.chosen.craftsmanId).toBe(plan.body.pairs[0].craftsmanId);
  });

  it('scope: the prefecture reads its counties\' decisions, another county reads none, enterprises and craftsmen are refused', async () => {
    const order = await openOrder();
    await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: star.craftsman._id }).expect(201);
    expect(await decisionsOf(qn, order._id)).toHaveLength(1);
    expect(await decisionsOf(fq, order._id)).toHaveLength(0);
    expect((await t.http().get('/api/dispatch/decisions').set(bearer(ent.token))).status).toBe(403);
    expect((await t.http().get('/api/dispatch/decisions').set(bearer(star.token))).status).toBe(403);
    const bad = await t.http().get('/api/dispatch/decisions?outcome=lost').set(bearer(dy));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
