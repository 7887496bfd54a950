import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

/** A craftsman on a flaky phone link repeats a request whose answer was lost: nothing may happen twice. */
describe('craftsman actions retried after a lost answer', () => {
  let t: TestEngine;
  let staff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    staff = await staffToken(t, '522701');
  });
  afterAll(() => t.engine.close());

  async function offered() {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(staff)).send({ approve: true }).expect(200);
    const { body: offer } = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id }).expect(201);
    return { ent, cra, orderId: order._id as string, offerId: offer._id as string };
  }

  it('when a craftsman sends accept twice, then the second answers the same order and one capacity slot and one event are taken', async () => {
    const { cra, orderId, offerId } = await offered();
    const first = await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(cra.token));
    const again = await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(cra.token));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ _id: orderId, status: 'in_progress', craftsmanId: cra.craftsman._id });
    const profile = await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(staff));
    expect(profile.body.activeCount).toBe(1);
    const accepted = await t.engine.store.collection('outbox').find({ type: 'offer.accepted', aggregateId: offerId });
    expect(accepted).toHaveLength(1);
  });

  it('when another craftsman retries accepting an offer that is not theirs, then it is still not found', async () => {
    const { offerId } = await offered();
    const other = await craftsmanWithToken(t, { name: '王芳' });
    expect((await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(other.token))).status).toBe(404);
  });

  it('when a craftsman sends decline twice, then the order is released once', async () => {
    const { cra, orderId, offerId } = await offered();
    await t.http().post(`/api/offers/${offerId}/decline`).set(bearer(cra.token)).send({ reason: '本周在外地' }).expect(200);
    const again = await t.http().post(`/api/offers/${offerId}/decline`).set(bearer(cra.token)).send({ reason: '本周在外地' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ _id: orderId, status: 'open', dispatchFailures: 1 });
  });

  it('when a visit is submitted again with the same Idempotency-Key, then one record exists and the retry gets it back marked as replayed', async () => {
    const { ent, cra, orderId, offerId } = await offered();
    await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(cra.token)).expect(200);
    const visit = { kind: 'visit', date: '2026-06-01', hours: 3, summary: '现场检查焊缝' };
    const key = 'visit-7f3a9c2e-0001';
    const first = await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', key).send(visit);
    expect(first.status).toBe(201);
    expect(first.body.replayed).toBeUndefined();
    const retry = await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', key).send(visit);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body._id).toBe(first.body._id);
    const records = await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(ent.token));
    expect(records.body.items).toHaveLength(1);
    const events = await t.engine.store.collection('outbox').find({ type: 'service.recorded', aggregateId: orderId });
    expect(events).toHaveLength(1);
  });

  it('when retries of one visit race each other, then exactly one record is kept and every retry gets it', async () => {
    const { ent, cra, orderId, offerId } = await offered();
    await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(cra.token)).expect(200);
    const visit = { kind: 'visit', date: '2026-06-01', hours: 2, summary: '讲解返修工艺' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', 'race-key-0000002').send(visit)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body._id)).size).toBe(1);
    const records = await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(ent.token));
    expect(records.body.items).toHaveLength(1);
  });

  it('when two visits are submitted without a key or with different keys, then both are recorded, and a malformed key is refused', async () => {
    const { ent, cra, orderId, offerId } = await offered();
    await t.http().post(`/api/offers/${offerId}/accept`).set(bearer(cra.token)).expect(200);
    const visit = { kind: 'visit', date: '2026-06-01', hours: 1, summary: '回访' };
    await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send(visit).expect(201);
    await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', 'key-aaaaaaaa').send(visit).expect(201);
    await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', 'key-bbbbbbbb').send(visit).expect(201);
    const bad = await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).set('Idempotency-Key', 'bad key!').send(visit);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const records = await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(ent.token));
    expect(records.body.items).toHaveLength(3);
  });

  it('when a key already used on one order is sent for another order, then it is refused with 409', async () => {
    const a = await offered();
    await t.http().post(`/api/offers/${a.offerId}/accept`).set(bearer(a.cra.token)).expect(200);
    const visit = { kind: 'visit', date: '2026-06-01', hours: 1, summary: '回访' };
    await t.http().post(`/api/orders/${a.orderId}/service-records`).set(bearer(a.cra.token)).set('Idempotency-Key', 'shared-key-01').send(visit).expect(201);
    const { body: order2 } = await t.http().post('/api/orders').set(bearer(a.ent.token)).send(buildOrder({ title: '第二个需求' }));
    await t.http().post(`/api/orders/${order2._id}/vet`).set(bearer(staff)).send({ approve: true }).expect(200);
    const { body: offer2 } = await t.http().post(`/api/orders/${order2._id}/offers`).set(bearer(staff)).send({ craftsmanId: a.cra.craftsman._id }).expect(201);
    await t.http().post(`/api/offers/${offer2._id}/accept`).set(bearer(a.cra.token)).expect(200);
    const reused = await t.http().post(`/api/orders/${order2._id}/service-records`).set(bearer(a.cra.token)).set('Idempotency-Key', 'shared-key-01').send(visit);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
