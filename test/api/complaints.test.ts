import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

const DAY = 86_400_000;

interface Row {
  _id: string;
  orderId: string | null;
  title: string;
  body: string;
  userId: string;
  [key: string]: unknown;
}

describe('投诉: complaints filed by either side of an order, handled by staff in reach within a time limit', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  /** An order in `regionCode` entered by county staff (its owner) and accepted by a craftsman there. */
  async function acceptedOrder(regionCode = '522722') {
    const ent = await enterpriseWithToken(t, { regionCode });
    const cra = await craftsmanWithToken(t, { regionCode, capacity: 20 });
    const staff = await staffToken(t, regionCode);
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(), source: 'hotline', enterpriseId: ent.enterprise._id });
    expect(entered.status).toBe(201);
    const id = entered.body._id as string;
    const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    const accepted = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(accepted.status).toBe(200);
    return { ent, cra, staff, id, ownerId: entered.body.ownerId as string, regionCode };
  }

  const file = (token: string, orderId: string, body: Record<string, unknown>) => t.http().post(`/api/orders/${orderId}/complaints`).set(bearer(token)).send(body);
  const notifications = (orderId: string) => t.engine.store.collection<Row>('notifications').find({ orderId });

  it('when the enterprise complains about the craftsman, then the complaint is due by policy (5 days), the owner and the county are told, and only one stays open per side', async () => {
    const { ent, cra, staff, id, ownerId } = await acceptedOrder();
    // Prefecture staff hear of it too (the owner, county staff, is told once, as owner).
    const prefecture = await staffToken(t, '522700');
    const prefectureUser = (await t.http().get('/api/me').set(bearer(prefecture))).body.user as { id: string };
    const res = await file(ent.token, id, { target: 'craftsman', category: 'attitude', text: '上门态度生硬，未按约定时间到场' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId: id, status: 'open', target: 'craftsman', complainantRole: 'enterprise', craftsmanId: cra.craftsman._id, overdue: false });
    expect(res.body.dueAt).toBe(new Date(Date.parse(res.body.filedAt) + 5 * DAY).toISOString());

    const again = await file(ent.token, id, { target: 'service', category: 'other', text: '再投诉一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COMPLAINT_ALREADY_OPEN');
    // The craftsman may complain too, but about the enterprise or the service, not about itself.
    const wrongTarget = await file(cra.token, id, { target: 'craftsman', category: 'other', text: '投诉自己' });
    expect(wrongTarget.status).toBe(400);
    expect(wrongTarget.body.error.code).toBe('COMPLAINT_TARGET_INVALID');
    const empty = await file(cra.token, id, { target: 'enterprise', category: 'cooperation' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');

    await settle(t);
    const rows = await notifications(id);
    expect(rows.filter((n) => n.title.startsWith('【投诉】') && n.userId === ownerId)).toHaveLength(1);
    expect(rows.filter((n) => n.title.startsWith('投诉待处理') && n.userId === prefectureUser.id)).toHaveLength(1);
    const order = await t.http().get(`/api/orders/${id}`).set(bearer(staff));
    expect(order.body.timeline.map((e: { action: string }) => e.action)).toContain('complaint');
  });

  it('when an order has not been taken yet, or belongs to someone else, then no complaint can be filed on it', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522722' });
    const submitted = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
    const early = await file(ent.token, submitted.body._id, { target: 'craftsman', category: 'delay', text: '迟迟无人接单' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ORDER_NOT_COMPLAINABLE');

    const { id } = await acceptedOrder();
    const stranger = await enterpriseWithToken(t, { regionCode: '522722' });
    expect((await file(stranger.token, id, { target: 'craftsman', category: 'quality', text: '冒名投诉' })).status).toBe(404);
    const otherCraftsman = await craftsmanWithToken(t, { regionCode: '522722' });
    expect((await file(otherCraftsman.token, id, { target: 'enterprise', category: 'cooperation', text: '冒名投诉' })).status).toBe(404);
    const staff = await staffToken(t, '522722');
    const refused = await file(staff, id, { target: 'craftsman', category: 'quality', text: '工会不是投诉人' });
    expect(refused.status).toBe(403);
  });

  it('when staff of another county look for, list or handle the complaint, then it does not exist for them', async () => {
    const { ent, id } = await acceptedOrder();
    const filed = await file(ent.token, id, { target: 'craftsman', category: 'quality', text: '焊缝仍有渗漏' });
    const foreign = await staffToken(t, '522701');
    expect((await t.http().get(`/api/complaints/${filed.body._id}`).set(bearer(foreign))).status).toBe(404);
    const decided = await t.http().post(`/api/complaints/${filed.body._id}/decision`).set(bearer(foreign)).send({ uphold: false, reason: '越权处理' });
    expect(decided.status).toBe(404);
    expect(decided.body.error.code).toBe('COMPLAINT_NOT_FOUND');
    const list = await t.http().get('/api/complaints?limit=100').set(bearer(foreign));
    expect(list.body.items.map((c: { _id: string }) => c._id)).not.toContain(filed.body._id);
    // The prefecture reaches it; the craftsman complained about does not see the enterprise's complaint as its own.
    const prefecture = await staffToken(t, '522700');
    expect((await t.http().get(`/api/complaints/${filed.body._id}`).set(bearer(prefecture))).status).toBe(200);
  });

  it('when staff uphold a complaint, then the outcome and reason are recorded once, the complainant alone is told, and queues and filters follow', async () => {
    const { ent, cra, staff, id } = await acceptedOrder();
    const filed = await file(cra.token, id, { target: 'enterprise', category: 'cooperation', text: '企业未按约定停机，无法检修' });
    expect(filed.status).toBe(201);
    const queue = await t.http().get('/api/complaints?status=open&limit=100').set(bearer(staff));
    expect(queue.body.items.map((c: { _id: string }) => c._id)).toContain(filed.body._id);
    const mine = await t.http().get('/api/complaints?limit=100').set(bearer(cra.token));
    expect(mine.body.items.map((c: { _id: string }) => c._id)).toEqual([filed.body._id]);
    expect((await t.http().get(`/api/complaints/${filed.body._id}`).set(bearer(ent.token))).status).toBe(404);

    const [a, b] = await Promise.all([
      t.http().post(`/api/complaints/${filed.body._id}/decision`).set(bearer(staff)).send({ uphold: true, reason: '经核实企业未停机配合' }),
      t.http().post(`/api/complaints/${filed.body._id}/decision`).set(bearer(staff)).send({ uphold: false, reason: '并发处理' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const got = await t.http().get(`/api/complaints/${filed.body._id}`).set(bearer(cra.token));
    expect(got.body).toMatchObject({ status: winner.body.status, decisionReason: winner.body.decisionReason, decidedBy: winner.body.decidedBy });
    expect(got.body.decidedAt).not.toBeNull();

    await settle(t);
    const told = (await notifications(id)).filter((n) => n.title.startsWith('投诉已处理'));
    expect(told).toHaveLength(1);
    expect(told[0]?.userId).toBe(filed.body.complainantUserId);
    expect(told[0]?.body).toContain(winner.body.decisionReason);
    const after = await t.http().get(`/api/complaints?status=open&orderId=${id}`).set(bearer(staff));
    expect(after.body.items).toHaveLength(0);
  });

  it('when complaints about a craftsman are upheld up to the exit rule limit, then the craftsman is flagged for review', async () => {
    const { ent, cra, id, regionCode } = await acceptedOrder();
    const staff = await staffToken(t, regionCode);
    for (let i = 0; i < 3; i += 1) {
      const filed = await file(ent.token, id, { target: 'craftsman', category: 'integrity', text: `第 ${i + 1} 次：私下加收费用` });
      expect(filed.status).toBe(201);
      const decided = await t.http().post(`/api/complaints/${filed.body._id}/decision`).set(bearer(staff)).send({ uphold: true, reason: '经核实属实' });
      expect(decided.status).toBe(200);
      await settle(t);
    }
    const flags = await t.http().get('/api/craftsmen/flags?limit=100').set(bearer(staff));
    const flagged = flags.body.items.find((c: { _id: string }) => c._id === cra.craftsman._id);
    expect(flagged).toMatchObject({ reviewFlag: { complaints: 3 } });
    expect(flagged.reviewFlag.reasons.map((r: { code: string }) => r.code)).toContain('COMPLAINTS');
  });

  it('when complaints are filed and handled late or in time, then statistics count them, their outcomes, handling time and on-time share; overdue ones are listed', async () => {
    // 瓮安县 (522725) holds only this test's complaints.
    const first = await acceptedOrder('522725');
    const second = await acceptedOrder('522725');
    const staff = await staffToken(t, '522725');
    const inTime = await file(first.ent.token, first.id, { target: 'craftsman', category: 'delay', text: '首次上门拖延' });
    const late = await file(second.cra.token, second.id, { target: 'service', category: 'other', text: '工会协调不及时' });
    t.clock.advance(2 * 3_600_000);
    await t.http().post(`/api/complaints/${inTime.body._id}/decision`).set(bearer(staff)).send({ uphold: false, reason: '已按约定时间上门' });
    t.clock.advance(6 * DAY);
    const fresh = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522725' });
    const overdue = await t.http().get('/api/complaints?overdue=true&limit=100').set(bearer(fresh));
    expect(overdue.body.items.map((c: { _id: string }) => c._id)).toEqual([late.body._id]);
    expect(overdue.body.items[0].overdue).toBe(true);
    const decided = await t.http().post(`/api/complaints/${late.body._id}/decision`).set(bearer(fresh)).send({ uphold: true, reason: '协调确有延误' });
    expect(decided.body.overdue).toBe(true);
    await settle(t);

    const stats = await t.http().get('/api/orgs/org_522725/stats?from=2026-01-01&to=2026-12-31').set(bearer(fresh));
    expect(stats.status).toBe(200);
    expect(stats.body.total.complaints).toMatchObject({
      filed: 2,
      byTarget: { craftsman: 1, enterprise: 0, service: 1 },
      open: 0,
      upheld: 1,
      dismissed: 1,
      onTime: { counted: 2, onTime: 1, share: 0.5 },
    });
    expect(stats.body.total.complaints.toDecision).toMatchObject({ count: 2, p90Minutes: 6 * 24 * 60 + 120 });
  });
});
