import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('order lifecycle: 企业点单 → 工会送单 → 劳模工匠接单 → 服务 → 解决 → 确认', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702')]);
  });
  afterAll(() => t.engine.close());

  it('when an order goes the whole way, then every transition is on its timeline and the craftsman figures move', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const http = t.http;

    const submitted = await http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', regionCode: '522701', enterpriseId: ent.enterprise._id });
    const id = submitted.body._id as string;

    const vetted = await http().post(`/api/orders/${id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    expect(vetted.status).toBe(200);
    expect(vetted.body.status).toBe('open');

    const offer = await http().post(`/api/orders/${id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id, note: '请尽快联系企业' });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ status: 'pending', craftsmanId: cra.craftsman._id, orderId: id });

    const inbox = await http().get('/api/offers?status=pending').set(bearer(cra.token));
    expect(inbox.body.items.map((o: { _id: string }) => o._id)).toContain(offer.body._id);
    expect(inbox.body.items[0].order.title).toBe('反应釜焊缝渗漏');

    const accepted = await http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'in_progress', craftsmanId: cra.craftsman._id });

    const record = await http().post(`/api/orders/${id}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', date: '2026-06-01', hours: 3.5, summary: '现场检查焊缝，制定返修方案' });
    expect(record.status).toBe(201);
    const training = await http().post(`/api/orders/${id}/service-records`).set(bearer(cra.token)).send({ kind: 'training', date: '2026-06-01', hours: 2, attendees: 12, summary: '为车间焊工讲解返修工艺' });
    expect(training.status).toBe(201);
    const records = await http().get(`/api/orders/${id}/service-records`).set(bearer(ent.token));
    expect(records.body.items).toHaveLength(2);

    const resolved = await http().post(`/api/orders/${id}/resolve`).set(bearer(cra.token)).send({ summary: '焊缝返修完成，试压合格' });
    expect(resolved.body.status).toBe('resolved');

    const closed = await http().post(`/api/orders/${id}/confirm`).set(bearer(ent.token)).send({ rating: 5, comment: '响应快，问题彻底解决' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', rating: 5 });

    const detail = await http().get(`/api/orders/${id}`).set(bearer(ent.token));
    expect(detail.body.timeline.map((e: { to: string }) => e.to)).toEqual(['submitted', 'open', 'offered', 'in_progress', 'resolved', 'closed']);
    for (const entry of detail.body.timeline) expect(entry).toMatchObject({ at: expect.any(String), actorId: expect.any(String), actorRole: expect.any(String) });

    const profile = await http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(dyStaff));
    expect(profile.body).toMatchObject({ completedCount: 1, activeCount: 0, ratingCount: 1 });
    expect(profile.body.rating).toBeCloseTo((3 * 4 + 5) / 4, 2);

    const events = await t.engine.store.collection('outbox').find({ aggregateId: { $in: [id, offer.body._id] } }, { sort: { occurredAt: 1 } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['order.submitted', 'order.approved', 'offer.made', 'offer.accepted', 'service.recorded', 'order.resolved', 'order.confirmed']));
  });

  it('when a craftsman declines, then the order is open again and that craftsman cannot be offered it again', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true }).expect(200);
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id });
    const noReason = await t.http().post(`/api/offers/${offer.body._id}/decline`).set(bearer(cra.token)).send({});
    expect(noReason.status).toBe(400);
    const declined = await t.http().post(`/api/offers/${offer.body._id}/decline`).set(bearer(cra.token)).send({ reason: '本周在外地培训' });
    expect(declined.body).toMatchObject({ status: 'open', excludedCraftsmanIds: [cra.craftsman._id], dispatchFailures: 1 });
    const again = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CRAFTSMAN_EXCLUDED');
    const twice = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('OFFER_NOT_PENDING');
  });

  it('when staff re-dispatch an offered order, then the pending offer is withdrawn and the new craftsman gets it', async () => {
    const ent = await enterpriseWithToken(t);
    const first = await craftsmanWithToken(t);
    const second = await craftsmanWithToken(t, { name: '王芳' });
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    const o1 = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: first.craftsman._id });
    const same = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: first.craftsman._id });
    expect(same.body.error.code).toBe('ALREADY_OFFERED');
    const o2 = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: second.craftsman._id });
    expect(o2.status).toBe(201);
    const stale = await t.http().post(`/api/offers/${o1.body._id}/accept`).set(bearer(first.token));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('OFFER_NOT_PENDING');
    expect((await t.http().post(`/api/offers/${o2.body._id}/accept`).set(bearer(second.token))).body.status).toBe('in_progress');
  });

  it('when staff reject at vetting, then a reason is required and the order is rejected', async () => {
    const ent = await enterpriseWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect((await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: false })).status).toBe(400);
    const rejected = await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: false, reason: '需求描述不清，请补充设备型号' });
    expect(rejected.body.status).toBe('rejected');
    const again = await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORDER_NOT_SUBMITTED');
  });

  it('cancel: the enterprise before acceptance, staff until closing; in-progress cancel frees the craftsman', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { capacity: 1 });
    const { body: a } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect((await t.http().post(`/api/orders/${a._id}/cancel`).set(bearer(ent.token)).send({ reason: '问题已自行解决' })).body.status).toBe('cancelled');
    expect((await t.http().post(`/api/orders/${a._id}/cancel`).set(bearer(ent.token)).send({ reason: '再次取消' })).body.error.code).toBe('ORDER_NOT_CANCELLABLE');

    const { body: b } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${b._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    await t.http().post(`/api/orders/${b._id}/claim`).set(bearer(cra.token)).expect(200);
    const late = await t.http().post(`/api/orders/${b._id}/cancel`).set(bearer(ent.token)).send({ reason: '不需要了' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORDER_ALREADY_ACCEPTED');
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(dyStaff))).body.activeCount).toBe(1);
    expect((await t.http().post(`/api/orders/${b._id}/cancel`).set(bearer(dyStaff)).send({ reason: '企业停产，工会撤单' })).body.status).toBe('cancelled');
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(dyStaff))).body.activeCount).toBe(0);
  });

  it('suspended, paused or exited craftsmen receive no offers and cannot claim', async () => {
    const ent = await enterpriseWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    for (const status of ['paused', 'suspended', 'exited'] as const) {
      const cra = await craftsmanWithToken(t);
      await t.http().post(`/api/craftsmen/${cra.craftsman._id}/status`).set(bearer(dyStaff)).send({ status, reason: '测试' }).expect(200);
      const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id });
      expect(offer.status).toBe(409);
      expect(offer.body.error.code).toBe('CRAFTSMAN_NOT_ACTIVE');
      const claim = await t.http().post(`/api/orders/${order._id}/claim`).set(bearer(cra.token));
      // Suspending or exiting ends the craftsman's session; a paused one is still signed in but may not claim.
      if (status === 'paused') {
        expect(claim.status).toBe(409);
        expect(claim.body.error.code).toBe('CRAFTSMAN_NOT_ACTIVE');
      } else {
        expect(claim.status).toBe(401);
        expect(claim.body.error.code).toBe('TOKEN_REVOKED');
      }
    }
    expect((await t.http().get(`/api/orders/${order._id}`).set(bearer(dyStaff))).body.status).toBe('open');
  });

  it('scope: 福泉 staff cannot see or act on a 都匀 order (404), whatever they try', async () => {
    const ent = await enterpriseWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    expect((await t.http().get(`/api/orders/${order._id}`).set(bearer(fqStaff))).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(fqStaff)).send({ approve: true })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/cancel`).set(bearer(fqStaff)).send({ reason: 'x' })).status).toBe(404);
    const list = await t.http().get('/api/orders?limit=100').set(bearer(fqStaff));
    expect(list.body.items.map((o: { _id: string }) => o._id)).not.toContain(order._id);
  });

  it('scope: enterprise A cannot see or confirm B\'s order; a craftsman cannot act on another\'s offer', async () => {
    const a = await enterpriseWithToken(t);
    const b = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const other = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(b.token)).send(buildOrder());
    expect((await t.http().get(`/api/orders/${order._id}`).set(bearer(a.token))).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/cancel`).set(bearer(a.token)).send({ reason: 'x' })).status).toBe(404);
    expect((await t.http().get('/api/orders').set(bearer(a.token))).body.items.map((o: { _id: string }) => o._id)).not.toContain(order._id);
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id });
    expect((await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(other.token))).status).toBe(404);
    expect((await t.http().post(`/api/offers/${offer.body._id}/decline`).set(bearer(other.token)).send({ reason: 'x' })).status).toBe(404);
    expect((await t.http().get('/api/offers').set(bearer(other.token))).body.items.map((o: { _id: string }) => o._id)).not.toContain(offer.body._id);
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token)).expect(200);
    expect((await t.http().post(`/api/orders/${order._id}/service-records`).set(bearer(other.token)).send({ kind: 'visit', date: '2026-06-02', hours: 1, summary: 'x' })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/resolve`).set(bearer(other.token)).send({ summary: 'x' })).status).toBe(404);
  });

  it('roles: a role that may never do something gets 403 ACTION_NOT_ALLOWED', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    const cases: Array<[string, string, string, object]> = [
      [cra.token, 'post', '/api/orders', buildOrder()],
      [dyStaff, 'post', '/api/orders', buildOrder()],
      [ent.token, 'post', `/api/orders/${order._id}/vet`, { approve: true }],
      [cra.token, 'post', `/api/orders/${order._id}/vet`, { approve: true }],
      [ent.token, 'post', `/api/orders/${order._id}/claim`, {}],
      [dyStaff, 'post', `/api/orders/${order._id}/confirm`, { rating: 5 }],
      [ent.token, 'get', '/api/offers', {}],
    ];
    for (const [token, method, path, body] of cases) {
      const res = method === 'get' ? await t.http().get(path).set(bearer(token)) : await t.http().post(path).set(bearer(token)).send(body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
  });

  it('no mass assignment: unknown fields are refused and operator-looking values are never operators', async () => {
    const ent = await enterpriseWithToken(t);
    const withStatus = await t.http().post('/api/orders').set(bearer(ent.token)).send({ ...buildOrder(), status: 'closed' });
    expect(withStatus.status).toBe(400);
    const withRating = await t.http().post('/api/orders').set(bearer(ent.token)).send({ ...buildOrder(), rating: 5 });
    expect(withRating.status).toBe(400);
    const operatorTitle = await t.http().post('/api/orders').set(bearer(ent.token)).send({ ...buildOrder(), title: { $ne: null } });
    expect(operatorTitle.status).toBe(400);
    const queryOperator = await t.http().get('/api/orders?status[$ne]=x').set(bearer(ent.token));
    expect(queryOperator.status).toBe(400);
    const badStatus = await t.http().get('/api/orders?status=$ne').set(bearer(ent.token));
    expect(badStatus.status).toBe(400);
    const badId = await t.http().get('/api/orders/%7B%22$ne%22:null%7D').set(bearer(ent.token));
    expect(badId.status).toBe(400);
  });

  it('lists filter by status, category and region, and paginate', async () => {
    const ent = await enterpriseWithToken(t);
    for (const category of ['skills_training', 'mentoring', 'skills_training'] as const) {
      await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ category, preferredModes: ['training'] })).expect(201);
    }
    const training = await t.http().get('/api/orders?category=skills_training&status=submitted&limit=1').set(bearer(ent.token));
    expect(training.body).toMatchObject({ total: 2, limit: 1, page: 1 });
    expect(training.body.items).toHaveLength(1);
    expect(training.body.items[0].timeline).toBeUndefined();
    const page2 = await t.http().get('/api/orders?category=skills_training&limit=1&page=2').set(bearer(ent.token));
    expect(page2.body.items[0]._id).not.toBe(training.body.items[0]._id);
    const both = await t.http().get('/api/orders?category=skills_training,mentoring').set(bearer(ent.token));
    expect(both.body.total).toBe(3);
    const byCraftsman = await t.http().get(`/api/orders?craftsmanId=nobody`).set(bearer(ent.token));
    expect(byCraftsman.body.total).toBe(0);
    const elsewhere = await t.http().get('/api/orders?regionCode=522702').set(bearer(ent.token));
    expect(elsewhere.body.total).toBe(0);
  });
});
