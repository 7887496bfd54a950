import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/orders/order.js';
import { bearer, settle, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('matching: candidates, policies, auto-dispatch, batch plans', () => {
  let t: TestEngine;
  let dy: string;
  let fq: string;
  let qn: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let welder: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let secondWelder: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let electrician: Awaited<ReturnType<typeof craftsmanWithToken>>;
  beforeAll(async () => {
    t = await startTestEngine();
    [dy, fq, qn] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
    ent = await enterpriseWithToken(t);
    welder = await craftsmanWithToken(t, { name: '张焊', skills: [{ name: '焊接', grade: 1 }, { name: '压力容器', grade: 2 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2020 }], bio: '压力容器焊接与焊缝返修' });
    secondWelder = await craftsmanWithToken(t, { name: '李焊', skills: [{ name: '焊接', grade: 3 }], honors: [], bio: '管道焊接' });
    electrician = await craftsmanWithToken(t, { name: '王电', skills: [{ name: '电工', grade: 2 }], trades: ['电工'], honors: [], bio: '供电线路维护' });
    await craftsmanWithToken(t, { name: '福泉焊工', regionCode: '522702', skills: [{ name: '焊接', grade: 1 }], honors: [], bio: '焊接' });
    await settle(t);
  });
  afterAll(() => t.engine.close());

  const openOrder = async (overrides = {}) => {
    const { body } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder(overrides)).expect(201);
    const vetted = await t.http().post(`/api/orders/${body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    return vetted.body as Order;
  };

  it('ranks candidates with every factor and zh-CN reasons, best skill match first, within the caller\'s reach', async () => {
    const order = await openOrder();
    const res = await t.http().get(`/api/orders/${order._id}/candidates?limit=10`).set(bearer(dy));
    expect(res.status).toBe(200);
    const names = res.body.candidates.map((c: { name: string }) => c.name);
    expect(names[0]).toBe('张焊');
    expect(names.indexOf('张焊')).toBeLessThan(names.indexOf('李焊'));
    expect(names).not.toContain('福泉焊工');
    const top = res.body.candidates[0];
    expect(top.factors.map((f: { factor: string }) => f.factor)).toEqual(expect.arrayContaining(['skill', 'grade', 'text', 'region', 'honor', 'rating', 'experience', 'load', 'recency']));
    const sum = top.factors.reduce((a: number, f: { contribution: number }) => a + f.contribution, 0);
    expect(sum).toBeCloseTo(top.total, 5);
    expect(top.summary).toContain('同县');
    expect(top.summary).toContain('焊接');
    expect(top.summary).toContain('全国劳动模范');
    const prefecture = await t.http().get(`/api/orders/${order._id}/candidates?limit=10`).set(bearer(qn));
    expect(prefecture.body.candidates.map((c: { name: string }) => c.name)).toContain('福泉焊工');
  });

  it('refuses candidates to other roles and out-of-scope staff', async () => {
    const order = await openOrder();
    expect((await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(fq))).status).toBe(404);
    expect((await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(ent.token))).status).toBe(403);
    expect((await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(welder.token))).status).toBe(403);
    expect((await t.http().get(`/api/orders/${order._id}/candidates?limit=500`).set(bearer(dy))).status).toBe(400);
  });

  it('hard filters: a suspended, full or excluded craftsman is not a candidate', async () => {
    const order = await openOrder();
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: welder.craftsman._id }).expect(201);
    await t.http().post(`/api/offers/${offer.body._id}/decline`).set(bearer(welder.token)).send({ reason: '外出' }).expect(200);
    await settle(t);
    const res = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy));
    expect(res.body.candidates.map((c: { name: string }) => c.name)).not.toContain('张焊');
    await t.http().post(`/api/craftsmen/${secondWelder.craftsman._id}/status`).set(bearer(dy)).send({ status: 'suspended', reason: '核查中' }).expect(200);
    const after = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy));
    expect(after.body.candidates.map((c: { name: string }) => c.name)).not.toContain('李焊');
    await t.http().post(`/api/craftsmen/${secondWelder.craftsman._id}/status`).set(bearer(dy)).send({ status: 'active', reason: '核查完毕' }).expect(200);
    // The suspension ended the craftsman's session: it signs in again.
    secondWelder = { ...secondWelder, token: await tokenFor(t, { role: 'craftsman', subjectId: secondWelder.craftsman._id }) };
    await settle(t);
  });

  it('policies: a county inherits the prefecture\'s weights unless it sets its own; bad values are 400', async () => {
    const before = await t.http().get('/api/orgs/org_522701/matching-policy').set(bearer(dy));
    expect(before.status).toBe(200);
    expect(before.body.own).toBeNull();
    await t.http().put('/api/orgs/org_522700/matching-policy').set(bearer(qn)).send({ weights: { honor: 9 } }).expect(200);
    const inherited = await t.http().get('/api/orgs/org_522701/matching-policy').set(bearer(dy));
    expect(inherited.body.effective.weights.honor).toBe(9);
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({ weights: { honor: 1 } }).expect(200);
    expect((await t.http().get('/api/orgs/org_522701/matching-policy').set(bearer(dy))).body.effective.weights.honor).toBe(1);
    expect((await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({ weights: { honor: 99 } })).status).toBe(400);
    expect((await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({ colour: 'red' })).status).toBe(400);
    expect((await t.http().put('/api/orgs/org_522700/matching-policy').set(bearer(dy)).send({ weights: { honor: 2 } })).status).toBe(404);
    expect((await t.http().get('/api/orgs/org_522702/matching-policy').set(bearer(dy))).status).toBe(404);
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({}).expect(200);
    await t.http().put('/api/orgs/org_522700/matching-policy').set(bearer(qn)).send({}).expect(200);
  });

  it('auto-dispatch: vetting offers the best candidate; a decline offers the next; after the limit the order is escalated', async () => {
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({ maxAutoDispatchAttempts: 2 }).expect(200);
    const order = await openOrder({ autoDispatch: true, title: '压力容器焊缝返修', description: '压力容器焊缝渗漏需返修' });
    const first = await t.engine.store.collection<Order>('orders').findById(order._id);
    expect(first).toMatchObject({ status: 'offered' });
    const firstOffer = await t.engine.store.collection('offers').findById(first!.currentOfferId!);
    expect(firstOffer).toMatchObject({ craftsmanId: welder.craftsman._id, auto: true });
    expect(first!.timeline.at(-1)).toMatchObject({ action: 'offer', actorRole: 'system' });

    await t.http().post(`/api/offers/${firstOffer!._id}/decline`).set(bearer(welder.token)).send({ reason: '本周排满' }).expect(200);
    const second = await t.engine.store.collection<Order>('orders').findById(order._id);
    expect(second!.status).toBe('offered');
    const secondOffer = await t.engine.store.collection('offers').findById(second!.currentOfferId!);
    expect(secondOffer!.craftsmanId).not.toBe(welder.craftsman._id);

    const who = [secondWelder, electrician].find((c) => c.craftsman._id === secondOffer!.craftsmanId)!;
    await t.http().post(`/api/offers/${secondOffer!._id}/decline`).set(bearer(who.token)).send({ reason: '不熟悉' }).expect(200);
    const third = await t.engine.store.collection<Order>('orders').findById(order._id);
    expect(third).toMatchObject({ status: 'open', escalatedToOrgId: 'org_522700', dispatchFailures: 2 });
    const escalations = await t.engine.store.collection('outbox').find({ type: 'order.escalated', aggregateId: order._id });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.payload).toMatchObject({ orgId: 'org_522700', why: 'dispatch_failed' });
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({}).expect(200);
  });

  it('a county\'s offer deadlines apply to offers its staff send without naming one', async () => {
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({ offerDeadlineMinutes: { normal: 90 } }).expect(200);
    const order = await openOrder();
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: electrician.craftsman._id }).expect(201);
    expect(new Date(offer.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(90 * 60_000);
    await t.http().put('/api/orgs/org_522701/matching-policy').set(bearer(dy)).send({}).expect(200);
    await t.http().post(`/api/orders/${order._id}/cancel`).set(bearer(dy)).send({ reason: '测试结束' }).expect(200);
  });

  it('auto-dispatch: when nobody qualifies, the order is escalated instead of looping', async () => {
    const order = await openOrder({ autoDispatch: true, requiredSkills: ['刺梨加工'], preferredModes: ['mentoring'], title: '刺梨果脯工艺', description: '刺梨果脯加工工艺改进' });
    const stored = await t.engine.store.collection<Order>('orders').findById(order._id);
    expect(stored).toMatchObject({ status: 'open', escalatedToOrgId: 'org_522700' });
  });

  it('batch plans: a dry run maximises the total score under capacity, then applying offers each pair and refuses stale ones', async () => {
    const orders = [await openOrder({ title: '焊缝检测 A' }), await openOrder({ title: '焊缝检测 B' }), await openOrder({ title: '线路检修', requiredSkills: ['电工'], description: '车间供电线路检修' })];
    const res = await t.http().post('/api/dispatch/plans').set(bearer(dy)).send({ orderIds: [...orders.map((o) => o._id), 'ord_missing'] });
    expect(res.status).toBe(201);
    const plan = res.body;
    expect(plan.status).toBe('draft');
    expect(plan.pairs.length).toBeGreaterThan(0);
    const perCraftsman = new Map<string, number>();
    for (const p of plan.pairs) perCraftsman.set(p.craftsmanId, (perCraftsman.get(p.craftsmanId) ?? 0) + 1);
    for (const [id, n] of perCraftsman) {
      const c = await t.engine.store.collection('craftsmen').findById(id);
      expect(n).toBeLessThanOrEqual(Number(c!.capacity) - Number(c!.activeCount));
    }
    expect(plan.pairs.find((p: { orderId: string }) => p.orderId === orders[2]!._id)?.craftsmanId).toBe(electrician.craftsman._id);
    expect(plan.unassigned).toEqual(expect.arrayContaining([expect.objectContaining({ orderId: 'ord_missing', reason: 'ORDER_NOT_OPEN' })]));
    expect(plan.pairs[0].detail.summary).toEqual(expect.any(String));
    // Nothing is offered by a dry run.
    expect((await t.engine.store.collection<Order>('orders').findById(orders[0]!._id))!.status).toBe('open');

    // One pair goes stale before applying: its order is cancelled.
    const staleOrderId = plan.pairs[0].orderId as string;
    await t.http().post(`/api/orders/${staleOrderId}/cancel`).set(bearer(dy)).send({ reason: '企业已自行解决' }).expect(200);
    const applied = await t.http().post(`/api/dispatch/plans/${plan._id}/apply`).set(bearer(dy));
    expect(applied.status).toBe(200);
    expect(applied.body.refused).toEqual([expect.objectContaining({ orderId: staleOrderId, code: 'ORDER_NOT_OPEN' })]);
    expect(applied.body.offered).toHaveLength(plan.pairs.length - 1);
    expect((await t.http().post(`/api/dispatch/plans/${plan._id}/apply`).set(bearer(dy))).body.error.code).toBe('PLAN_ALREADY_APPLIED');
    expect((await t.http().get(`/api/dispatch/plans/${plan._id}`).set(bearer(fq))).status).toBe(404);
    expect((await t.http().post('/api/dispatch/plans').set(bearer(dy)).send({})).status).toBe(400);
  });

  it('a region plan covers only open orders in the caller\'s scope', async () => {
    const res = await t.http().post('/api/dispatch/plans').set(bearer(fq)).send({ regionCode: '522701' });
    expect(res.status).toBe(201);
    expect(res.body.orderIds).toEqual([]);
  });
  it('when the order asks a skill the taxonomy does not know, then a specialist with a similar skill name comes first and the famous but unrelated are marked 与需求关联弱', async () => {
    const painter = await craftsmanWithToken(t, { name: '彩绘师傅', skills: [{ name: '古建彩绘', grade: 3 }], honors: [], bio: '古建彩绘修复，擅长梁枋彩画' });
    await settle(t);
    const order = await openOrder({ title: '古寺梁枋彩绘修复', description: '寺庙梁枋彩绘褪色剥落，需要懂古建彩绘的师傅修复', requiredSkills: ['古建筑彩绘'] });
    const res = await t.http().get(`/api/orders/${order._id}/candidates?limit=10`).set(bearer(dy)).expect(200);
    const [first, ...rest] = res.body.candidates as Array<{ craftsmanId: string; summary: string; reasons: string[]; weakFit: boolean; total: number }>;
    expect(first).toMatchObject({ craftsmanId: painter.craftsman._id, weakFit: false });
    expect(first!.summary).toContain('技能相近：古建彩绘(三级/高级工)');
    const famous = rest.find((c) => c.craftsmanId === welder.craftsman._id)!;
    expect(famous).toMatchObject({ weakFit: true });
    expect(famous.reasons).toContain('与需求关联弱');
    expect(famous.total).toBeLessThan(first!.total);
    await t.http().post(`/api/orders/${order._id}/cancel`).set(bearer(dy)).send({ reason: '测试结束' }).expect(200);
  });
});
