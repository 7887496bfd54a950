import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('team dispatch: an order sent to a studio or a lead with members', () => {
  let t: TestEngine;
  let dy: string;
  let ent: string;
  let lead: { id: string; token: string };
  let busy: { id: string; token: string };
  let free: { id: string; token: string };
  let studioId: string;

  beforeAll(async () => {
    t = await startTestEngine();
    dy = await staffToken(t, '522701');
    ent = (await enterpriseWithToken(t)).token;
    const person = async (name: string, capacity: number) => {
      const c = await craftsmanWithToken(t, { name, capacity, skills: [{ name: '焊接', grade: 2 }] });
      return { id: c.craftsman._id as string, token: c.token as string };
    };
    lead = await person('罗建国', 5);
    busy = await person('杨秀英', 1);
    free = await person('吴德明', 3);
    const studio = await t.http().post('/api/studios').set(bearer(dy)).send({ name: '罗建国焊接工作室', level: 'county', leadCraftsmanId: lead.id, memberIds: [busy.id, free.id], specialities: ['焊接'], regionCode: '522701' });
    expect(studio.status).toBe(201);
    studioId = studio.body._id;
  });
  afterAll(() => t.engine.close());

  async function openOrder(): Promise<string> {
    const order = await t.http().post('/api/orders').set(bearer(ent)).send(buildOrder());
    expect(order.status).toBe(201);
    await t.http().post(`/api/orders/${order.body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    return order.body._id;
  }
  const beijingToday = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const activeCount = async (id: string) => (await t.http().get(`/api/craftsmen/${id}`).set(bearer(dy))).body.activeCount as number;

  it('when a studio order is accepted, then every member takes a slot; a member whose slots are full blocks the next team offer and accept, naming whom', async () => {
    const first = await openOrder();
    const offer = await t.http().post(`/api/orders/${first}/offers`).set(bearer(dy)).send({ craftsmanId: lead.id, studioId });
    expect(offer.status).toBe(201);
    expect(offer.body.teamMemberIds).toEqual([busy.id, free.id]);
    const accepted = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(lead.token));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ craftsmanId: lead.id, teamMemberIds: [busy.id, free.id], studioId });
    expect([await activeCount(lead.id), await activeCount(busy.id), await activeCount(free.id)]).toEqual([1, 1, 1]);

    const second = await openOrder();
    const refused = await t.http().post(`/api/orders/${second}/offers`).set(bearer(dy)).send({ craftsmanId: lead.id, studioId });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CAPACITY_FULL', details: { craftsmanId: busy.id } });
    // Without the full member the team goes; a stranger to the studio cannot be named.
    const outsider = (await craftsmanWithToken(t, { name: '外人' })).craftsman._id;
    const wrong = await t.http().post(`/api/orders/${second}/offers`).set(bearer(dy)).send({ craftsmanId: lead.id, studioId, teamMemberIds: [outsider] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('NOT_STUDIO_MEMBER');
    const smaller = await t.http().post(`/api/orders/${second}/offers`).set(bearer(dy)).send({ craftsmanId: lead.id, studioId, teamMemberIds: [free.id] });
    expect(smaller.status).toBe(201);
    await t.http().post(`/api/offers/${smaller.body._id}/accept`).set(bearer(lead.token)).expect(200);
    expect(await activeCount(free.id)).toBe(2);

    // Resolving gives every member's slot back.
    const record = await t.http().post(`/api/orders/${first}/service-records`).set(bearer(lead.token)).send({ kind: 'visit', date: beijingToday(), hours: 2, summary: '现场焊接', participantIds: [busy.id] });
    expect(record.status).toBe(201);
    await t.http().post(`/api/orders/${first}/resolve`).set(bearer(lead.token)).send({ summary: '已解决' }).expect(200);
    expect([await activeCount(lead.id), await activeCount(busy.id), await activeCount(free.id)]).toEqual([1, 0, 1]);
  });

  it('when a team serves, then each member who took part counts one 人次 per day, hours go against each own daily cap, and only team members may be named', async () => {
    const orderId = await openOrder();
    const offer = await t.http().post(`/api/orders/${orderId}/offers`).set(bearer(dy)).send({ craftsmanId: lead.id, teamMemberIds: [busy.id] });
    expect(offer.status).toBe(201);
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(lead.token)).expect(200);
    const today = beijingToday();
    const stats = async () => (await t.http().get(`/api/orgs/org_522701/stats?from=${today}&to=${today}`).set(bearer(dy))).body.total as { service: { visits: number }; craftsmen: { withService: number } };
    await settle(t);
    const before = await stats();
    const log = (body: Record<string, unknown>) => t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(lead.token)).send({ kind: 'visit', date: today, summary: '现场指导', ...body });
    expect((await log({ hours: 3, participantIds: [busy.id] })).status).toBe(201);
    // The same two people on the same order and day again: no new 人次.
    expect((await log({ hours: 2, participantIds: [busy.id] })).status).toBe(201);
    const notTeam = await log({ hours: 1, participantIds: [free.id] });
    expect(notTeam.status).toBe(400);
    expect(notTeam.body.error.code).toBe('NOT_TEAM_MEMBER');
    await settle(t);
    const after = await stats();
    expect(after.service.visits - before.service.visits).toBe(2);
    // Both have 7 h today (2 h on the studio order, 5 h here): 6 more passes the 12 h cap, and the refused record takes nothing from anyone.
    const capped = await log({ hours: 6, participantIds: [busy.id] });
    expect(capped.status).toBe(400);
    expect(capped.body.error.code).toBe('DAILY_HOURS_EXCEEDED');
    expect((await log({ hours: 5 })).status).toBe(201);
    // The lead is now at 12 h, 杨秀英 at 7 h: another hour for her alone would fit, with the lead it does not.
    expect((await log({ hours: 1, participantIds: [busy.id] })).body.error).toMatchObject({ code: 'DAILY_HOURS_EXCEEDED', details: { craftsmanId: lead.id } });
  });
});
