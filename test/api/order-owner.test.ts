import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

interface Staff {
  token: string;
  id: string;
}

describe('责任人: every order has one union staff owner', () => {
  let t: TestEngine;
  let dy: Staff;
  let dy2: Staff;
  let fq: Staff;
  let qn: Staff;
  const staff = async (region: string): Promise<Staff> => {
    const token = await staffToken(t, region);
    const me = await t.http().get('/api/me').set(bearer(token));
    return { token, id: me.body.user.id as string };
  };
  beforeAll(async () => {
    t = await startTestEngine();
    dy = await staff('522701');
    dy2 = await staff('522701');
    fq = await staff('522702');
    qn = await staff('522700');
  });
  afterAll(() => t.engine.close());

  async function vettedOrder(by: Staff) {
    const ent = await enterpriseWithToken(t);
    const submitted = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect(submitted.body.ownerId).toBeNull();
    const vetted = await t.http().post(`/api/orders/${submitted.body._id}/vet`).set(bearer(by.token)).send({ approve: true });
    expect(vetted.status).toBe(200);
    return { ent, order: vetted.body as { _id: string; ownerId: string; ownerName: string } };
  }

  it('when staff search their cases by text, then owner, source and follow-up filters apply to the full-text answer as to the list', async () => {
    const title = `曝气风机异响${Date.now().toString(36)}`;
    const { order: vetted } = await vettedOrder(dy);
    const ent = await enterpriseWithToken(t);
    const entered = await t.http().post('/api/orders/entries').set(bearer(dy2.token)).send({ ...buildOrder({ title }), source: 'grid_worker', enterpriseId: ent.enterprise._id });
    const mineBy = await vettedOrderTitled(dy, title);
    await settle(t);
    const ids = async (query: string, who: Staff = dy) => {
      const res = await t.http().get(`/api/orders?q=${encodeURIComponent(title)}&limit=100&${query}`).set(bearer(who.token));
      expect(res.status).toBe(200);
      expect(res.body.degraded ?? false).toBe(false);
      return (res.body.items as { _id: string }[]).map((o) => o._id).sort();
    };
    expect(await ids('')).toEqual([entered.body._id, mineBy].sort());
    expect(await ids('owner=me')).toEqual([mineBy]);
    expect(await ids('owner=me', dy2)).toEqual([entered.body._id]);
    expect(await ids('source=grid_worker')).toEqual([entered.body._id]);
    expect(await ids('source=enterprise')).toEqual([mineBy]);
    expect(await ids('followUp=due')).toEqual([]);
    void vetted;
  });

  async function vettedOrderTitled(by: Staff, title: string) {
    const ent = await enterpriseWithToken(t);
    const submitted = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title }));
    await t.http().post(`/api/orders/${submitted.body._id}/vet`).set(bearer(by.token)).send({ approve: true });
    return submitted.body._id as string;
  }

  it('when staff vet or enter an order, then they own it, and owner=me lists exactly their cases with the owner shown', async () => {
    expect(dy.id).toMatch(/\S/);
    const { order } = await vettedOrder(dy);
    expect(order.ownerId).toBe(dy.id);
    const ent = await enterpriseWithToken(t);
    const entered = await t.http().post('/api/orders/entries').set(bearer(dy2.token)).send({ ...buildOrder(), source: 'hotline', enterpriseId: ent.enterprise._id });
    expect(entered.body.ownerId).toBe(dy2.id);

    const mine = await t.http().get('/api/orders?owner=me&limit=100').set(bearer(dy.token));
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((o: { _id: string }) => o._id);
    expect(ids).toContain(order._id);
    expect(ids).not.toContain(entered.body._id);
    for (const item of mine.body.items) expect(item).toMatchObject({ ownerId: dy.id, ownerName: expect.any(String) });
  });

  it('when the owner hands the case to a colleague with a reason, then the timeline says so and the new owner is told; without a reason it is a 400', async () => {
    const { order } = await vettedOrder(dy);
    const noReason = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(dy.token)).send({ ownerId: dy2.id });
    expect(noReason.status).toBe(400);
    const res = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(dy.token)).send({ ownerId: dy2.id, reason: '外出走访，交同事跟进' });
    expect(res.status).toBe(200);
    expect(res.body.ownerId).toBe(dy2.id);
    const last = res.body.timeline.at(-1);
    expect(last).toMatchObject({ action: 'assign_owner', from: 'open', to: 'open', actorId: dy.id });
    expect(last.reason).toContain('外出走访，交同事跟进');
    const again = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(dy.token)).send({ ownerId: dy2.id, reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OWNER_UNCHANGED');

    await settle(t);
    const inbox = await t.http().get('/api/notifications').set(bearer(dy2.token));
    const told = inbox.body.items.filter((n: { title: string }) => n.title.startsWith('您已成为需求单责任人'));
    expect(told).toHaveLength(1);
    const others = await t.http().get('/api/notifications').set(bearer(dy.token));
    expect(others.body.items.filter((n: { title: string }) => n.title.startsWith('您已成为需求单责任人'))).toHaveLength(0);
  });

  it('when staff of another county try to take or hand over a case, then 404; a colleague out of the order’s reach cannot own it', async () => {
    const { order } = await vettedOrder(dy);
    const foreign = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(fq.token)).send({ ownerId: fq.id, reason: '我来负责' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ORDER_NOT_FOUND');
    const toForeign = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(dy.token)).send({ ownerId: fq.id, reason: '交福泉' });
    expect(toForeign.status).toBe(404);
    expect(toForeign.body.error.code).toBe('USER_NOT_FOUND');
    // The prefecture reaches both counties' staff, but 福泉 staff do not reach a 都匀 order.
    const outOfReach = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(qn.token)).send({ ownerId: fq.id, reason: '交福泉' });
    expect(outOfReach.status).toBe(409);
    expect(outOfReach.body.error.code).toBe('OWNER_OUT_OF_REACH');
    const toCounty = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(qn.token)).send({ ownerId: dy2.id, reason: '州总工会指定' });
    expect(toCounty.status).toBe(200);
    const toPrefecture = await t.http().post(`/api/orders/${order._id}/owner`).set(bearer(dy.token)).send({ ownerId: qn.id, reason: '上交州总工会' });
    expect(toPrefecture.status).toBe(404);
  });

  it('when an order waits past its acceptance time limit, then the escalation reaches its owner by name and the parent org’s staff', async () => {
    const { order } = await vettedOrder(dy);
    t.clock.advance(73 * 3_600_000);
    expect(await t.engine.services.sla.escalateStaleOrders()).toBeGreaterThanOrEqual(1);
    await settle(t);
    // Tokens have expired after three days: read the inboxes from the store.
    const inbox = (userId: string) => t.engine.store.collection<{ _id: string; userId: string; orderId: string; title: string }>('notifications').find({ userId, orderId: order._id });
    const forOwner = (await inbox(dy.id)).filter((n) => n.title === `您负责的需求单已升级：${buildOrder().title}`);
    expect(forOwner).toHaveLength(1);
    expect((await inbox(qn.id)).filter((n) => n.title.startsWith('需求单已升级'))).toHaveLength(1);
    expect((await inbox(dy2.id)).filter((n) => n.title.startsWith('您负责的'))).toHaveLength(0);
  });
});
