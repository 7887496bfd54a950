import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

const DAY = 86_400_000;

describe('回访: follow-up task and satisfaction survey after an order closes', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ reopenWindowDays: 14 });
  });
  afterAll(() => t.engine.close());

  /** A closed order in 荔波 (522722); tokens are made fresh because the clock moves days. */
  async function closedOrder() {
    const ent = await enterpriseWithToken(t, { regionCode: '522722' });
    const cra = await craftsmanWithToken(t, { regionCode: '522722' });
    const staff = await staffToken(t, '522722');
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(), source: 'staff_visit', enterpriseId: ent.enterprise._id });
    const id = entered.body._id as string;
    const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    await t.http().post(`/api/orders/${id}/resolve`).set(bearer(cra.token)).send({ summary: '已修复' });
    const closed = await t.http().post(`/api/orders/${id}/confirm`).set(bearer(ent.token)).send({ rating: 5 });
    expect(closed.status).toBe(200);
    return { ent, staff, id, closed: closed.body };
  }

  it('when an order closes, then a follow-up is scheduled by policy (7 days) and opens exactly once when due, telling the owner and the enterprise', async () => {
    const { ent, id, closed } = await closedOrder();
    expect(closed.followUp).toMatchObject({ status: 'scheduled', dueAt: new Date(Date.parse(closed.closedAt) + 7 * DAY).toISOString() });
    const early = await t.http().post(`/api/orders/${id}/survey`).set(bearer(ent.token)).send({ stillSolved: true, craftsmanSatisfaction: 5, unionSatisfaction: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SURVEY_NOT_OPEN');

    t.clock.advance(7 * DAY);
    await Promise.all([t.engine.services.followUps.openDue(), t.engine.services.followUps.openDue(), t.engine.timers.sweep()]);
    await t.engine.services.followUps.openDue();
    expect(await t.engine.store.collection<DomainEvent>('outbox').count({ aggregateId: id, type: 'order.follow_up_due' })).toBe(1);
    await settle(t);
    const rows = await t.engine.store.collection<{ _id: string; orderId: string; title: string; userId: string }>('notifications').find({ orderId: id });
    expect(rows.filter((n) => n.title.startsWith('满意度回访'))).toHaveLength(1);
    expect(rows.filter((n) => n.title.startsWith('回访任务') && n.userId === closed.ownerId)).toHaveLength(1);
  });

  it('when the enterprise answers "still solved" and the owner records the call, then the task and survey are done, each once; statistics count the follow-up', async () => {
    const { ent, staff, id } = await closedOrder();
    t.clock.advance(7 * DAY);
    await t.engine.services.followUps.openDue();
    const freshEnt = await enterpriseTokenAgain(ent.enterprise._id);
    const freshStaff = await staffToken(t, '522722');
    const tasks = await t.http().get('/api/orders?followUp=due&limit=100').set(bearer(freshStaff));
    expect(tasks.body.items.map((o: { _id: string }) => o._id)).toContain(id);

    const answer = await t.http().post(`/api/orders/${id}/survey`).set(bearer(freshEnt)).send({ stillSolved: true, craftsmanSatisfaction: 5, unionSatisfaction: 4, comment: '很满意' });
    expect(answer.status).toBe(200);
    expect(answer.body.nextSteps).toBeNull();
    expect(answer.body.order.followUp).toMatchObject({ status: 'answered', survey: { stillSolved: true, craftsmanSatisfaction: 5, unionSatisfaction: 4 } });
    const twice = await t.http().post(`/api/orders/${id}/survey`).set(bearer(freshEnt)).send({ stillSolved: false, craftsmanSatisfaction: 1, unionSatisfaction: 1 });
    expect(twice.status).toBe(409);

    const note = await t.http().post(`/api/orders/${id}/follow-up`).set(bearer(freshStaff)).send({ note: '电话回访，设备运行正常' });
    expect(note.status).toBe(200);
    expect(note.body.followUp.staffNote).toBe('电话回访，设备运行正常');
    expect((await t.http().post(`/api/orders/${id}/follow-up`).set(bearer(freshStaff)).send({ note: '再记一次' })).status).toBe(409);
    const foreign = await t.http().post(`/api/orders/${id}/follow-up`).set(bearer(await staffToken(t, '522701'))).send({ note: '越权' });
    expect(foreign.status).toBe(404);
    void staff;
  });

  it('when the enterprise says the problem came back, then it may reopen within the window, or raise a new order linked to this one', async () => {
    const { ent, id } = await closedOrder();
    t.clock.advance(7 * DAY);
    await t.engine.services.followUps.openDue();
    const token = await enterpriseTokenAgain(ent.enterprise._id);
    const answer = await t.http().post(`/api/orders/${id}/survey`).set(bearer(token)).send({ stillSolved: false, craftsmanSatisfaction: 3, unionSatisfaction: 4 });
    expect(answer.status).toBe(200);
    expect(answer.body.nextSteps).toMatchObject({ canReopen: true, newLinkedOrder: { linkedOrderId: id } });
    const reopened = await t.http().post(`/api/orders/${id}/reopen`).set(bearer(token)).send({ reason: '回访发现问题复发' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('in_progress');

    const linked = await t.http().post('/api/orders').set(bearer(token)).send({ ...buildOrder({ title: '焊缝再次渗漏' }), linkedOrderId: id });
    expect(linked.status).toBe(201);
    expect(linked.body.linkedOrderId).toBe(id);
    const other = await enterpriseWithToken(t, { regionCode: '522722' });
    const notMine = await t.http().post('/api/orders').set(bearer(other.token)).send({ ...buildOrder(), linkedOrderId: id });
    expect(notMine.status).toBe(404);
  });

  async function enterpriseTokenAgain(enterpriseId: string) {
    const { tokenFor } = await import('../helpers/engine.js');
    return tokenFor(t, { role: 'enterprise', subjectId: enterpriseId });
  }
});
