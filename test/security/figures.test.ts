import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_TTL_MINUTES } from '../../src/services/matching-service.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { beijingToday, enterpriseUnionToken, orderInProgress } from './helpers.js';

describe('figures that hold', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  let qnStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff, qnStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
  });
  afterAll(() => t.engine.close());

  async function working(overrides: { capacity?: number; regionCode?: string } = {}) {
    const regionCode = overrides.regionCode ?? '522701';
    const ent = await enterpriseWithToken(t, { regionCode });
    const cra = await craftsmanWithToken(t, { capacity: overrides.capacity ?? 3, regionCode });
    const staff = regionCode === '522701' ? dyStaff : qnStaff;
    const orderId = await orderInProgress(t, { ent: ent.token, staff, cra: cra.token, craftsmanId: cra.craftsman._id });
    return { ent, cra, orderId };
  }
  const record = (token: string, orderId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(token)).send({ kind: 'visit', hours: 2, summary: '现场指导', ...body });

  it('when a craftsman dates a record in the future or before it accepted the order, then 400 with the rule’s code; today is accepted', async () => {
    const { cra, orderId } = await working();
    const tomorrow = new Date(t.clock.now().getTime() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const future = await record(cra.token, orderId, { date: tomorrow });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('RECORD_DATE_IN_FUTURE');
    const past = await record(cra.token, orderId, { date: '2025-12-31' });
    expect(past.body.error.code).toBe('RECORD_DATE_BEFORE_ACCEPTANCE');
    expect((await record(cra.token, orderId, { date: beijingToday(t) })).status).toBe(201);
  });

  it('when a craftsman’s hours on one day would pass the daily cap across its orders, then 400 DAILY_HOURS_EXCEEDED with what is left', async () => {
    const { cra, orderId } = await working();
    const today = beijingToday(t);
    expect((await record(cra.token, orderId, { date: today, hours: 8 })).status).toBe(201);
    const over = await record(cra.token, orderId, { date: today, hours: 5 });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'DAILY_HOURS_EXCEEDED', details: { remaining: 4 } });
    expect((await record(cra.token, orderId, { date: today, hours: 4 })).status).toBe(201);
  });

  it('when the enterprise disputes a record at confirmation, then it counts neither in 人次 nor in points until staff decide; dismissed it counts, upheld it never does', async () => {
    const { ent, cra, orderId } = await working({ regionCode: '522722' });
    const today = beijingToday(t);
    const stats = async () => (await t.http().get(`/api/orgs/org_522722/stats?from=${today}&to=${today}`).set(bearer(qnStaff))).body.total.service as { visits: number; hours: number };
    const points = async () => (await t.http().get(`/api/craftsmen/${cra.craftsman._id}/points`).set(bearer(cra.token))).body as { totalPoints: number; items: { rule: string; points: number }[] };
    await settle(t);
    const base = await stats();
    const a = (await record(cra.token, orderId, { date: today, hours: 2 })).body._id as string;
    const b = (await record(cra.token, orderId, { date: today, hours: 3 })).body._id as string;
    const c = (await record(cra.token, orderId, { date: today, hours: 1 })).body._id as string;
    // Disputes belong to confirmation: not while the work is in progress.
    expect((await t.http().post(`/api/service-records/${a}/dispute`).set(bearer(ent.token)).send({ reason: '当天未到现场' })).status).toBe(409);
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    const seen = await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(ent.token));
    expect(seen.body.items.map((r: { _id: string }) => r._id).sort()).toEqual([a, b, c].sort());
    expect((await t.http().post(`/api/service-records/${a}/dispute`).set(bearer(cra.token)).send({ reason: 'x' })).status).toBe(403);
    const other = await enterpriseWithToken(t, { regionCode: '522722' });
    expect((await t.http().post(`/api/service-records/${a}/dispute`).set(bearer(other.token)).send({ reason: 'x' })).status).toBe(404);
    for (const id of [a, b]) expect((await t.http().post(`/api/service-records/${id}/dispute`).set(bearer(ent.token)).send({ reason: '当天未到现场' })).status).toBe(200);
    expect((await t.http().post(`/api/service-records/${a}/dispute`).set(bearer(ent.token)).send({ reason: '再次' })).status).toBe(409);
    await t.http().post(`/api/orders/${orderId}/confirm`).set(bearer(ent.token)).send({ rating: 5 }).expect(200);
    await settle(t);
    expect(await stats()).toMatchObject({ visits: base.visits + 1, hours: base.hours + 1 });
    const held = await points();
    expect(held.items.map((i) => i.rule).sort()).toEqual(['high_rating', 'solved']);

    expect((await t.http().post(`/api/service-records/${a}/dispute-decision`).set(bearer(ent.token)).send({ uphold: false, reason: 'x' })).status).toBe(403);
    expect((await t.http().post(`/api/service-records/${a}/dispute-decision`).set(bearer(fqStaff)).send({ uphold: false, reason: 'x' })).status).toBe(404);
    await t.http().post(`/api/service-records/${a}/dispute-decision`).set(bearer(qnStaff)).send({ uphold: false, reason: '有签到记录' }).expect(200);
    await settle(t);
    // One dispute still open: the visit and hour points keep waiting, the dismissed record counts again
    // (its hours; the 人次 stays one: one craftsman, one order, one day).
    expect(await stats()).toMatchObject({ visits: base.visits + 1, hours: base.hours + 3 });
    expect((await points()).items.map((i) => i.rule).sort()).toEqual(['high_rating', 'solved']);
    await t.http().post(`/api/service-records/${b}/dispute-decision`).set(bearer(qnStaff)).send({ uphold: true, reason: '核实未到场' }).expect(200);
    await settle(t);
    expect(await stats()).toMatchObject({ visits: base.visits + 1, hours: base.hours + 3 });
    const released = await points();
    const line = (rule: string) => released.items.find((i) => i.rule === rule)?.points;
    expect(line('visit')).toBe(2 * 10);
    expect(line('hours')).toBe(3 * 2);
    expect((await t.http().post(`/api/service-records/${b}/dispute-decision`).set(bearer(qnStaff)).send({ uphold: false, reason: '改判' })).status).toBe(409);
  });

  it('when an enterprise reaches its limit of unfinished orders (set by its federation, inherited), then the next is 409 OPEN_ORDER_LIMIT until one finishes', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522723' });
    expect((await t.http().put('/api/orgs/org_522700/order-limits').set(bearer(qnStaff)).send({ maxOpenOrders: 2 })).status).toBe(200);
    expect((await t.http().put('/api/orgs/org_522700/order-limits').set(bearer(ent.token)).send({ maxOpenOrders: 500 })).status).toBe(403);
    expect((await t.http().get('/api/orgs/org_522723/order-limits').set(bearer(qnStaff))).body).toMatchObject({ limits: { maxOpenOrders: 2 }, source: 'orderLimits:org_522700' });
    const first = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201);
    await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201);
    const third = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'OPEN_ORDER_LIMIT', details: { limit: 2, unfinished: 2 } });
    await t.http().post(`/api/orders/${first.body._id}/cancel`).set(bearer(ent.token)).send({ reason: '已自行解决' }).expect(200);
    await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201);
    await t.http().put('/api/orgs/org_522700/order-limits').set(bearer(qnStaff)).send({ maxOpenOrders: 100 }).expect(200);
  });

  it('when an enterprise places an order outside its prefecture, then 403 ORDER_REGION_OUT_OF_REACH; a county of its own prefecture is fine, and staff may place it in their reach', async () => {
    const ent = await enterpriseWithToken(t);
    const far = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ regionCode: '520102' }));
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe('ORDER_REGION_OUT_OF_REACH');
    expect((await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ regionCode: '522702' }))).status).toBe(201);
    // Staff enter another region when they vet it, within their own reach only.
    const order = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201);
    expect((await t.http().post(`/api/orders/${order.body._id}/vet`).set(bearer(dyStaff)).send({ approve: true, regionCode: '522702' })).status).toBe(403);
    const placed = await t.http().post(`/api/orders/${order.body._id}/vet`).set(bearer(qnStaff)).send({ approve: true, regionCode: '522702' });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ status: 'open', regionCode: '522702', regionPath: ['520000', '522700', '522702'] });
  });

  it('when a reopened order would put its craftsman over capacity, then 409 CAPACITY_FULL; a completion counts once however often it is reopened', async () => {
    const { ent, cra, orderId } = await working({ capacity: 1 });
    await record(cra.token, orderId, { date: beijingToday(t) }).expect(201);
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    await t.http().post(`/api/orders/${orderId}/confirm`).set(bearer(ent.token)).send({ rating: 4 }).expect(200);
    // The craftsman takes other work up to its capacity: the reopen finds no slot.
    const second = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id });
    const refused = await t.http().post(`/api/orders/${orderId}/reopen`).set(bearer(ent.token)).send({ reason: '问题复发' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CAPACITY_FULL');
    await t.http().post(`/api/orders/${second}/cancel`).set(bearer(dyStaff)).send({ reason: '企业撤回' }).expect(200);
    await t.http().post(`/api/orders/${orderId}/reopen`).set(bearer(ent.token)).send({ reason: '问题复发' }).expect(200);
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '再次处理' }).expect(200);
    await t.http().post(`/api/orders/${orderId}/confirm`).set(bearer(ent.token)).send({ rating: 5 }).expect(200);
    const craftsman = (await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(dyStaff))).body;
    expect(craftsman).toMatchObject({ completedCount: 1, ratingCount: 1, activeCount: 0 });
  });

  it('when plans are read and applied, then only staff whose org reaches the plan’s org may, and an expired plan cannot be applied', async () => {
    const ent = await enterpriseWithToken(t);
    await craftsmanWithToken(t);
    const order = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201);
    await t.http().post(`/api/orders/${order.body._id}/vet`).set(bearer(dyStaff)).send({ approve: true }).expect(200);
    const plan = await t.http().post('/api/dispatch/plans').set(bearer(dyStaff)).send({ orderIds: [order.body._id] });
    expect(plan.status).toBe(201);
    const id = plan.body._id as string;
    const union = await enterpriseUnionToken(t, ent.enterprise._id);
    expect((await t.http().get(`/api/dispatch/plans/${id}`).set(bearer(union))).status).toBe(404);
    expect((await t.http().post(`/api/dispatch/plans/${id}/apply`).set(bearer(union))).status).toBe(404);
    expect((await t.http().get(`/api/dispatch/plans/${id}`).set(bearer(fqStaff))).status).toBe(404);
    expect((await t.http().get(`/api/dispatch/plans/${id}`).set(bearer(ent.token))).status).toBe(403);
    const read = await t.http().get(`/api/dispatch/plans/${id}`).set(bearer(qnStaff));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ orgId: 'org_522701', expired: false });
    t.clock.advance((PLAN_TTL_MINUTES + 1) * 60_000);
    const late = await t.http().post(`/api/dispatch/plans/${id}/apply`).set(bearer(dyStaff));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('PLAN_EXPIRED');
  });

  it('when orders are exported for one craftsman, then only that craftsman’s orders are in the file', async () => {
    const a = await working();
    const b = await working();
    const csv = await t.http().get(`/api/orders/export?craftsmanId=${a.cra.craftsman._id}`).set(bearer(dyStaff));
    expect(csv.status).toBe(200);
    const text = csv.text ?? Buffer.from(csv.body as Buffer).toString('utf8');
    expect(text).toContain(a.orderId);
    expect(text).not.toContain(b.orderId);
    const list = await t.http().get(`/api/orders?craftsmanId=${a.cra.craftsman._id}`).set(bearer(dyStaff));
    expect(list.body.items.map((o: { _id: string }) => o._id)).toEqual([a.orderId]);
  });
});
