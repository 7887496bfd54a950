import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

const terms = (overrides: Record<string, unknown> = {}) => ({
  apprentices: [
    { name: '韦小燕', trade: '焊工', startGrade: 4 },
    { name: '蒙国强', trade: '焊工', startGrade: 5 },
  ],
  goals: '一年内两名徒弟独立完成压力容器焊接，晋升一级',
  startDate: '2026-05-20',
  plannedEndDate: '2027-05-20',
  ...overrides,
});

describe('师带徒 pairings: started from a mentoring order, sessions and outcomes, scope', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  /** A mentoring need of an enterprise in 都匀 (522701), vetted and accepted by a craftsman. */
  async function acceptedMentoringOrder() {
    const ent = await enterpriseWithToken(t, { regionCode: '522701' });
    const cra = await craftsmanWithToken(t, { regionCode: '522701', serviceModes: ['onsite', 'mentoring'] });
    const staff = await staffToken(t, '522701');
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder({ category: 'mentoring', title: '焊工师带徒', preferredModes: ['mentoring'] }), source: 'staff_visit', enterpriseId: ent.enterprise._id });
    expect(entered.status).toBe(201);
    const id = entered.body._id as string;
    const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token)).expect(200);
    return { ent, cra, staff, orderId: id };
  }

  it('when the craftsman of an accepted mentoring order starts a pairing, then it belongs to the order, its enterprise and county org, both parties are told, and a second one for the order is refused', async () => {
    const { ent, cra, orderId } = await acceptedMentoringOrder();
    const started = await t.http().post(`/api/orders/${orderId}/pairing`).set(bearer(cra.token)).send(terms());
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ orderId, mentorId: cra.craftsman._id, enterpriseId: ent.enterprise._id, orgId: 'org_522701', status: 'active', graduatedOn: null });
    expect(started.body.apprentices.map((a: { id: string; grade: number }) => [a.id, a.grade])).toEqual([['a1', 4], ['a2', 5]]);

    const again = await t.http().post(`/api/orders/${orderId}/pairing`).set(bearer(cra.token)).send(terms());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PAIRING_EXISTS');

    await settle(t);
    const notes = await t.engine.store.collection<{ _id: string; eventType: string; link: string; title: string }>('notifications').find({ eventType: 'pairing.started', link: `/pairings/${started.body._id}` });
    expect(notes.map((n) => n.title).sort()).toEqual([expect.stringContaining('师带徒结对已建立'), expect.stringContaining('师带徒结对已建立')]);
    expect(notes).toHaveLength(2);
  });

  it('when the order is not of the mentoring category, or not accepted yet, then no pairing is started from it', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522701' });
    const staff = await staffToken(t, '522701');
    const technical = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(), source: 'hotline', enterpriseId: ent.enterprise._id });
    const wrong = await t.http().post(`/api/orders/${technical.body._id}/pairing`).set(bearer(staff)).send(terms());
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('ORDER_NOT_MENTORING');
    const open = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder({ category: 'mentoring' }), source: 'hotline', enterpriseId: ent.enterprise._id });
    const early = await t.http().post(`/api/orders/${open.body._id}/pairing`).set(bearer(staff)).send(terms());
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ORDER_NOT_IN_PROGRESS');
    const bad = await t.http().post(`/api/orders/${open.body._id}/pairing`).set(bearer(staff)).send(terms({ plannedEndDate: '2026-01-01', apprentices: [] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when the mentor logs sessions and records outcomes, then only confirmed outcomes change the apprentices, each is decided once, and the pairing graduates when every apprentice has', async () => {
    const { ent, cra, staff, orderId } = await acceptedMentoringOrder();
    const pairing = (await t.http().post(`/api/orders/${orderId}/pairing`).set(bearer(staff)).send(terms())).body;
    const id = pairing._id as string;

    const session = await t.http().post(`/api/pairings/${id}/sessions`).set(bearer(cra.token)).send({ date: '2026-05-27', hours: 3, content: '压力容器对接焊示范与练习' });
    expect(session.status).toBe(201);
    expect(session.body.sessions).toHaveLength(1);
    expect(session.body.sessions[0].apprenticeIds).toEqual(['a1', 'a2']);
    const future = await t.http().post(`/api/pairings/${id}/sessions`).set(bearer(cra.token)).send({ date: '2026-07-01', hours: 2, content: '未来' });
    expect(future.body.error.code).toBe('SESSION_DATE_INVALID');
    const byEnterprise = await t.http().post(`/api/pairings/${id}/sessions`).set(bearer(ent.token)).send({ date: '2026-05-28', hours: 2, content: '企业不能登记' });
    expect(byEnterprise.status).toBe(403);

    const promotion = await t.http().post(`/api/pairings/${id}/milestones`).set(bearer(cra.token)).send({ apprenticeId: 'a1', kind: 'promotion', date: '2026-05-30', grade: 3 });
    expect(promotion.status).toBe(201);
    const pending = await t.http().post(`/api/pairings/${id}/milestones`).set(bearer(cra.token)).send({ apprenticeId: 'a1', kind: 'promotion', date: '2026-05-31', grade: 2 });
    expect(pending.body.error.code).toBe('MILESTONE_PENDING');
    const notHigher = await t.http().post(`/api/pairings/${id}/milestones`).set(bearer(cra.token)).send({ apprenticeId: 'a2', kind: 'promotion', date: '2026-05-30', grade: 5 });
    expect(notHigher.body.error.code).toBe('GRADE_NOT_HIGHER');
    const milestoneId = promotion.body.milestones[0]._id as string;
    expect(promotion.body.apprentices[0].grade).toBe(4);

    const confirmed = await t.http().post(`/api/pairings/${id}/milestones/${milestoneId}/decision`).set(bearer(ent.token)).send({ confirm: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.apprentices[0].grade).toBe(3);
    const twice = await t.http().post(`/api/pairings/${id}/milestones/${milestoneId}/decision`).set(bearer(staff)).send({ confirm: true });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('MILESTONE_NOT_PENDING');

    for (const apprenticeId of ['a1', 'a2']) {
      const grad = await t.http().post(`/api/pairings/${id}/milestones`).set(bearer(cra.token)).send({ apprenticeId, kind: 'graduation', date: '2026-06-01' });
      expect(grad.status).toBe(201);
      const mid = grad.body.milestones.at(-1)._id as string;
      const decided = await t.http().post(`/api/pairings/${id}/milestones/${mid}/decision`).set(bearer(staff)).send({ confirm: true });
      expect(decided.status).toBe(200);
    }
    const done = await t.http().get(`/api/pairings/${id}`).set(bearer(ent.token));
    expect(done.body).toMatchObject({ status: 'graduated', graduatedOn: '2026-06-01' });
    const after = await t.http().post(`/api/pairings/${id}/sessions`).set(bearer(cra.token)).send({ date: '2026-06-01', hours: 1, content: '出师后' });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('PAIRING_NOT_ACTIVE');

    const events = await t.engine.store.collection<DomainEvent>('outbox').find({ aggregateId: id });
    expect(events.filter((e) => e.type === 'pairing.milestone_decided')).toHaveLength(3);
    await settle(t);
    const asks = await t.engine.store.collection<{ _id: string; eventType: string; userId: string }>('notifications').find({ eventType: 'pairing.milestone_recorded', link: `/pairings/${id}` });
    expect(asks.length).toBeGreaterThanOrEqual(3);
  });

  it('when someone outside the pairing asks for it, then it answers 404; lists show each party only its own', async () => {
    const { cra, ent, staff, orderId } = await acceptedMentoringOrder();
    const id = (await t.http().post(`/api/orders/${orderId}/pairing`).set(bearer(staff)).send(terms())).body._id as string;
    const otherCounty = await staffToken(t, '522722');
    const otherEnt = await enterpriseWithToken(t, { regionCode: '522701' });
    const otherCra = await craftsmanWithToken(t, { regionCode: '522701' });
    for (const token of [otherCounty, otherEnt.token, otherCra.token]) {
      const answer = await t.http().get(`/api/pairings/${id}`).set(bearer(token));
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('PAIRING_NOT_FOUND');
      const list = await t.http().get('/api/pairings?limit=100').set(bearer(token));
      expect(list.body.items.map((p: { _id: string }) => p._id)).not.toContain(id);
    }
    const milestone = await t.http().post(`/api/pairings/${id}/milestones`).set(bearer(cra.token)).send({ apprenticeId: 'a1', kind: 'certificate', date: '2026-05-30', certificate: '焊工（高级）职业技能等级证书' });
    const mid = milestone.body.milestones[0]._id as string;
    const foreign = await t.http().post(`/api/pairings/${id}/milestones/${mid}/decision`).set(bearer(otherEnt.token)).send({ confirm: true });
    expect(foreign.status).toBe(404);
    const prefecture = await staffToken(t, '522700');
    for (const token of [prefecture, ent.token, cra.token]) {
      const list = await t.http().get('/api/pairings?limit=100').set(bearer(token));
      expect(list.body.items.map((p: { _id: string }) => p._id)).toContain(id);
    }
  });

  it('when staff start a pairing directly, then mentor and enterprise must be in their reach', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522722' });
    const cra = await craftsmanWithToken(t, { regionCode: '522722' });
    const county = await staffToken(t, '522701');
    const out = await t.http().post('/api/pairings').set(bearer(county)).send({ ...terms(), mentorId: cra.craftsman._id, enterpriseId: ent.enterprise._id });
    expect(out.status).toBe(404);
    expect(out.body.error.code).toBe('ENTERPRISE_NOT_FOUND');
    const libo = await staffToken(t, '522722');
    const made = await t.http().post('/api/pairings').set(bearer(libo)).send({ ...terms(), mentorId: cra.craftsman._id, enterpriseId: ent.enterprise._id });
    expect(made.status).toBe(201);
    expect(made.body.orgId).toBe('org_522722');
    const byCraftsman = await t.http().post('/api/pairings').set(bearer(cra.token)).send({ ...terms(), mentorId: cra.craftsman._id, enterpriseId: ent.enterprise._id });
    expect(byCraftsman.status).toBe(403);
  });
});
