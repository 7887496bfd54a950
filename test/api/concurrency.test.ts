import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('races are decided by the store, not by luck', () => {
  let t: TestEngine;
  let staff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    staff = await staffToken(t, '522700');
  });
  afterAll(() => t.engine.close());

  it('when 50 craftsmen claim one open order at once, then exactly 1 wins, 49 get 409 and the order names the winner', async () => {
    const ent = await enterpriseWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(staff)).send({ approve: true }).expect(200);
    const crew = await Promise.all(Array.from({ length: 50 }, (_, i) => craftsmanWithToken(t, { name: `工匠${i}` })));

    const results = await Promise.all(crew.map((c) => t.http().post(`/api/orders/${order._id}/claim`).set(bearer(c.token))));
    const wins = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const r of conflicts) expect(r.body.error.code).toBe('ORDER_NOT_OPEN');

    const stored = await t.http().get(`/api/orders/${order._id}`).set(bearer(staff));
    expect(stored.body.status).toBe('in_progress');
    expect(stored.body.craftsmanId).toBe(wins[0]!.body.craftsmanId);
    const busy = await Promise.all(crew.map((c) => t.engine.store.collection('craftsmen').findById(c.craftsman._id)));
    expect(busy.reduce((sum, c) => sum + Number(c!.activeCount), 0)).toBe(1);
  });

  it('when a craftsman with capacity 2 accepts 6 offers at once, then 2 succeed and the rest are CAPACITY_FULL', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { capacity: 2 });
    const offers: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: `需求${i}` }));
      await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(staff)).send({ approve: true });
      const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
      if (offer.status === 201) offers.push(offer.body._id);
    }
    expect(offers).toHaveLength(6);
    const results = await Promise.all(offers.map((id) => t.http().post(`/api/offers/${id}/accept`).set(bearer(cra.token))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.body.error.code).toBe('CAPACITY_FULL');
    const stored = await t.engine.store.collection('craftsmen').findById(cra.craftsman._id);
    expect(stored!.activeCount).toBe(2);
    const stillPending = await t.engine.store.collection('offers').count({ _id: { $in: offers }, status: 'pending' });
    expect(stillPending).toBe(4);
  });

  // A craftsman's repeated accept of an offer it already accepted answers with the order (a retry on a
  // flaky phone link); one that races the first accept and loses answers 409. Either way it is taken once.
  it('when the same offer is accepted twice at once, then it is accepted once: one 200, and a 409 or the same order again', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(staff)).send({ approve: true });
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    const [a, b] = await Promise.all([1, 2].map(() => t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token))));
    const statuses = [a!.status, b!.status].sort();
    expect([[200, 200], [200, 409]]).toContainEqual(statuses);
    for (const res of [a!, b!].filter((r) => r.status === 200)) expect(res.body).toMatchObject({ _id: order._id, status: 'in_progress', craftsmanId: cra.craftsman._id });
    expect((await t.engine.store.collection('craftsmen').findById(cra.craftsman._id))!.activeCount).toBe(1);
    const stored = (await t.engine.store.collection<{ _id: string; timeline: { action: string }[] }>('orders').findById(order._id))!;
    expect(stored.timeline.filter((e) => e.action === 'accept')).toHaveLength(1);
  });
});
