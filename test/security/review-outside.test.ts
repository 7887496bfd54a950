import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { beijingToday, enterpriseUnionToken, orderInProgress } from './helpers.js';

/** Proposals and disputes tried from outside: each role attempts what it must not do. */
describe('profile-change proposals and record disputes, tried by the wrong people', () => {
  let t: TestEngine;
  let dyStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    dyStaff = await staffToken(t, '522701');
  });
  afterAll(() => t.engine.close());

  it('when a craftsman looks for another craftsman’s proposal or decides any proposal (its own included), then 404 and 403, and nothing is applied', async () => {
    const a = await craftsmanWithToken(t, { capacity: 3 });
    const b = await craftsmanWithToken(t, { capacity: 3 });
    const change = (await t.http().patch(`/api/craftsmen/${a.craftsman._id}`).set(bearer(a.token)).send({ capacity: 9 }).expect(200)).body.pendingChange;
    expect((await t.http().get(`/api/profile-changes/${change._id}`).set(bearer(b.token))).status).toBe(404);
    expect(((await t.http().get('/api/profile-changes').set(bearer(b.token))).body.items as { _id: string }[]).map((c) => c._id)).not.toContain(change._id);
    for (const token of [a.token, b.token]) {
      const refused = await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(token)).send({ approve: true });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
    const ent = await enterpriseWithToken(t);
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(ent.token)).send({ approve: true })).status).toBe(403);
    expect((await t.http().get(`/api/profile-changes/${change._id}`).set(bearer(ent.token))).status).toBe(404);
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).send({ approve: true })).status).toBe(401);
    expect((await t.http().get(`/api/craftsmen/${a.craftsman._id}`).set(bearer(dyStaff))).body.capacity).toBe(3);
    expect((await t.http().get(`/api/profile-changes/${change._id}`).set(bearer(a.token))).body.status).toBe('pending');
  });

  it('when a craftsman proposes through another craftsman’s profile, then 404 and no proposal exists', async () => {
    const a = await craftsmanWithToken(t);
    const b = await craftsmanWithToken(t);
    expect((await t.http().patch(`/api/craftsmen/${b.craftsman._id}`).set(bearer(a.token)).send({ capacity: 20 })).status).toBe(404);
    expect((await t.http().get('/api/profile-changes?subjectType=craftsman').set(bearer(dyStaff))).body.items.some((c: { subjectId: string }) => c.subjectId === b.craftsman._id)).toBe(false);
  });

  it('when the craftsman, the enterprise’s own union or anyone signed out tries to decide a dispute, or anyone but the enterprise raises one, then it is refused and the record keeps counting as decided by staff only', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const orderId = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id });
    const recordId = (await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', hours: 2, summary: '现场指导', date: beijingToday(t) }).expect(201)).body._id as string;
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    const union = await enterpriseUnionToken(t, ent.enterprise._id);
    // Raising: only the enterprise itself — not its union, the craftsman or staff.
    for (const [token, status] of [[union, 403], [dyStaff, 403], [cra.token, 403]] as const) {
      expect((await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(token)).send({ reason: '代为提出' })).status).toBe(status);
    }
    await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(ent.token)).send({ reason: '当天未到现场' }).expect(200);
    // Deciding: staff of a federation reaching the order — not a party, not the enterprise's own union.
    expect((await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(cra.token)).send({ uphold: false, reason: '我确实到场了' })).status).toBe(403);
    expect((await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(ent.token)).send({ uphold: true, reason: '自行认定' })).status).toBe(403);
    expect((await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(union)).send({ uphold: true, reason: '本企业工会认定' })).status).toBe(404);
    expect((await t.http().post(`/api/service-records/${recordId}/dispute-decision`).send({ uphold: true, reason: 'x' })).status).toBe(401);
    expect((await t.http().get('/api/service-records/disputes').set({})).status).toBe(401);
    // A decision cannot smuggle its own outcome fields.
    const forged = await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(dyStaff)).send({ uphold: false, reason: '核实', status: 'dismissed', hours: 12 });
    expect(forged.status).toBe(400);
    const open = (await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(dyStaff))).body.items[0];
    expect(open.dispute).toMatchObject({ status: 'open' });
    expect(open.hours).toBe(2);
  });

  it('when the enterprise disputes a record after confirming, or while the work is still in progress, then 409 ORDER_NOT_RESOLVED', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const orderId = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id });
    const recordId = (await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', hours: 2, summary: '现场指导', date: beijingToday(t) }).expect(201)).body._id as string;
    expect((await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(ent.token)).send({ reason: '太早' })).body.error.code).toBe('ORDER_NOT_RESOLVED');
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    await t.http().post(`/api/orders/${orderId}/confirm`).set(bearer(ent.token)).send({ rating: 5 }).expect(200);
    const late = await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(ent.token)).send({ reason: '事后反悔' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORDER_NOT_RESOLVED');
  });

  it('when a craftsman logs a record on an order it does not hold, then 404 or 403 and nothing is stored', async () => {
    const ent = await enterpriseWithToken(t);
    const holder = await craftsmanWithToken(t);
    const other = await craftsmanWithToken(t);
    const orderId = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: holder.token, craftsmanId: holder.craftsman._id });
    const body = { kind: 'visit', hours: 2, summary: '冒名登记', date: beijingToday(t) };
    expect((await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(other.token)).send(body)).status).toBe(404);
    expect((await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(ent.token)).send(body)).status).toBe(403);
    expect((await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(dyStaff)).send(body)).status).toBe(403);
    expect((await t.http().get(`/api/orders/${orderId}/service-records`).set(bearer(dyStaff))).body.items).toEqual([]);
  });
});
