import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildEnterprise, buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('代录: union staff enter needs on an enterprise’s behalf', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702')]);
  });
  afterAll(() => t.engine.close());

  const entry = (enterpriseId: string, overrides: Record<string, unknown> = {}) => ({ ...buildOrder(), source: 'hotline', sourceNote: '12351 来电 0612-03', enterpriseId, ...overrides });

  it('when county staff enter a hotline need for an enterprise they reach, then it is open, records source and who entered it, and the enterprise is told and sees it as its own', async () => {
    const ent = await enterpriseWithToken(t);
    const res = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send(entry(ent.enterprise._id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', source: 'hotline', enterpriseId: ent.enterprise._id, enterpriseName: ent.enterprise.name, regionCode: '522701' });
    expect(res.body.enteredBy).toMatchObject({ userId: expect.any(String), note: '12351 来电 0612-03' });
    expect(res.body.timeline).toHaveLength(1);
    expect(res.body.timeline[0]).toMatchObject({ action: 'enter', from: null, to: 'open', actorRole: 'union_staff' });
    expect(res.body.timeline[0].reason).toContain('12351 热线');

    const mine = await t.http().get(`/api/orders/${res.body._id}`).set(bearer(ent.token));
    expect(mine.status).toBe(200);
    const list = await t.http().get('/api/orders').set(bearer(ent.token));
    expect(list.body.items.map((o: { _id: string }) => o._id)).toContain(res.body._id);

    await settle(t);
    const inbox = await t.http().get('/api/notifications').set(bearer(ent.token));
    const told = inbox.body.items.filter((n: { orderId?: string; title: string }) => n.title.includes('代录'));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('12351 热线');
  });

  it('when staff of another county enter for an enterprise out of their reach, then it answers 404 and nothing is stored; they cannot see an order entered there either', async () => {
    const ent = await enterpriseWithToken(t);
    const before = await t.engine.store.collection('orders').count({ enterpriseId: ent.enterprise._id });
    const res = await t.http().post('/api/orders/entries').set(bearer(fqStaff)).send(entry(ent.enterprise._id));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ENTERPRISE_NOT_FOUND');
    expect(await t.engine.store.collection('orders').count({ enterpriseId: ent.enterprise._id })).toBe(before);

    const entered = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send(entry(ent.enterprise._id));
    const peek = await t.http().get(`/api/orders/${entered.body._id}`).set(bearer(fqStaff));
    expect(peek.status).toBe(404);
  });

  it('when staff register a small enterprise on the spot with the need, then both are stored, in their reach; outside their reach it is refused and nothing is registered', async () => {
    const fresh = buildEnterprise({ name: `都匀市小微维修店${Date.now()}` });
    const res = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send({ ...buildOrder(), source: 'staff_visit', enterprise: fresh });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', source: 'staff_visit', enterpriseName: fresh.name });
    const registered = await t.http().get(`/api/enterprises/${res.body.enterpriseId}`).set(bearer(dyStaff));
    expect(registered.status).toBe(200);
    expect(registered.body.creditCode).toBe(fresh.creditCode);

    const elsewhere = buildEnterprise({ regionCode: '522702' });
    const refused = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send({ ...buildOrder(), source: 'grid_worker', enterprise: elsewhere });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('REGION_OUT_OF_SCOPE');
    expect(await t.engine.store.collection('enterprises').count({ creditCode: elsewhere.creditCode })).toBe(0);
  });

  it('when an enterprise or a craftsman calls the entry, then it is refused with 403; an invalid body is a 400 with a zh-CN message', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    for (const token of [ent.token, cra.token]) {
      const res = await t.http().post('/api/orders/entries').set(bearer(token)).send(entry(ent.enterprise._id));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
    const selfService = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send(entry(ent.enterprise._id, { source: 'enterprise' }));
    expect(selfService.status).toBe(400);
    const both = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send(entry(ent.enterprise._id, { enterprise: buildEnterprise() }));
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body.error)).toContain('二者选其一');
    const neither = await t.http().post('/api/orders/entries').set(bearer(dyStaff)).send({ ...buildOrder(), source: 'hotline' });
    expect(neither.status).toBe(400);
  });

  it('when the enterprise already holds as many unfinished orders as its limit, then staff cannot enter another (409 OPEN_ORDER_LIMIT)', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522722' });
    await t.engine.services.orderLimits.put(ADMIN, 'org_522722', { maxOpenOrders: 1 });
    const lbStaff = await staffToken(t, '522722');
    const first = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect(first.status).toBe(201);
    const res = await t.http().post('/api/orders/entries').set(bearer(lbStaff)).send(entry(ent.enterprise._id));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OPEN_ORDER_LIMIT');
  });

  it('when an entered order is dispatched, served and resolved, then the enterprise confirms and rates it, and statistics count it by its source', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522723' });
    const cra = await craftsmanWithToken(t, { regionCode: '522723' });
    const staff = await staffToken(t, '522723');
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send(entry(ent.enterprise._id, { source: 'union_chair' }));
    const id = entered.body._id as string;
    const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    expect(offer.status).toBe(201);
    expect((await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token))).status).toBe(200);
    expect((await t.http().post(`/api/orders/${id}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' })).status).toBe(200);
    const closed = await t.http().post(`/api/orders/${id}/confirm`).set(bearer(ent.token)).send({ rating: 4 });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', rating: 4, source: 'union_chair' });
    await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());

    await settle(t);
    const day = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const stats = await t.http().get(`/api/orgs/org_522723/stats?from=${day}&to=${day}`).set(bearer(staff));
    expect(stats.status).toBe(200);
    expect(stats.body.total.orders.bySource).toEqual({ enterprise: 1, staff_visit: 0, hotline: 0, union_chair: 1, grid_worker: 0, other: 0 });
    const bySource = await t.http().get('/api/orders?source=union_chair').set(bearer(staff));
    expect(bySource.body.items.map((o: { _id: string }) => o._id)).toEqual([id]);
  });
});
