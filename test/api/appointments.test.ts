import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildEngine, type Engine } from '../../src/engine.js';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Order } from '../../src/domain/orders/order.js';
import type { Actor } from '../../src/domain/users/user.js';
import { ADMIN, bearer, fastHasher, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (t: { clock: { now(): Date } }, ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const slotFrom = (t: { clock: { now(): Date } }, startMs: number, hours = 2) => ({ start: at(t, startMs), end: at(t, startMs + hours * HOUR) });

const eventsOf = async (engine: Pick<Engine, 'store'>, orderId: string, type: DomainEvent['type']) =>
  engine.store.collection<DomainEvent>('outbox').find({ aggregateId: orderId, type });

describe('预约: preferred windows, slot negotiation, reminders and attendance', () => {
  let t: TestEngine;
  let staff: string;
  beforeAll(async () => {
    // Tokens outlive the days the clock is moved forward here.
    t = await startTestEngine({ jwtTtlMinutes: 60 * 24 * 30 });
    staff = await staffToken(t, '522702');
  });
  afterAll(() => t.engine.close());

  /** An order in service: entered by staff (who owns it), offered and accepted. */
  async function orderInService(overrides: Parameters<typeof buildOrder>[0] = {}) {
    const ent = await enterpriseWithToken(t, { regionCode: '522702' });
    const cra = await craftsmanWithToken(t, { regionCode: '522702' });
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(overrides), source: 'hotline', enterpriseId: ent.enterprise._id });
    expect(entered.status).toBe(201);
    const offer = await t.http().post(`/api/orders/${entered.body._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    const accepted = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(accepted.status).toBe(200);
    return { ent, cra, order: accepted.body as Order };
  }

  async function confirmedSlot(startMs: number) {
    const base = await orderInService();
    const slot = slotFrom(t, startMs);
    const proposed = await t.http().post(`/api/orders/${base.order._id}/appointment/proposals`).set(bearer(base.cra.token)).send({ slot });
    expect(proposed.status).toBe(200);
    const confirmed = await t.http().post(`/api/orders/${base.order._id}/appointment/confirm`).set(bearer(base.ent.token)).send({});
    expect(confirmed.status).toBe(200);
    return { ...base, slot, order: confirmed.body as Order };
  }

  it('when an enterprise gives preferred windows, then they are stored sorted in UTC; past, reversed, overlapping, too long or too many windows are a 400 in Chinese', async () => {
    const ent = await enterpriseWithToken(t, { regionCode: '522702' });
    const later = { start: '2026-06-05T09:00:00+08:00', end: '2026-06-05T12:00:00+08:00' };
    const sooner = { start: '2026-06-03T14:00:00+08:00', end: '2026-06-03T17:00:00+08:00' };
    const ok = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ preferredWindows: [later, sooner] }));
    expect(ok.status).toBe(201);
    expect(ok.body.preferredWindows).toEqual([
      { start: '2026-06-03T06:00:00.000Z', end: '2026-06-03T09:00:00.000Z' },
      { start: '2026-06-05T01:00:00.000Z', end: '2026-06-05T04:00:00.000Z' },
    ]);

    const refused = async (preferredWindows: { start: string; end: string }[]) => {
      const res = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ preferredWindows }));
      expect(res.status).toBe(400);
      return res.body.error as { code: string; message: string };
    };
    expect(await refused([{ start: at(t, -2 * HOUR), end: at(t, -HOUR) }])).toMatchObject({ code: 'INVALID_TIME_WINDOW', message: '第 1 个期望时段须在当前时间之后' });
    expect(await refused([{ start: at(t, 3 * HOUR), end: at(t, 2 * HOUR) }])).toMatchObject({ code: 'INVALID_TIME_WINDOW', message: '第 1 个期望时段的结束时间须晚于开始时间' });
    expect(await refused([{ start: at(t, DAY), end: at(t, DAY + 13 * HOUR) }])).toMatchObject({ code: 'INVALID_TIME_WINDOW', message: '第 1 个期望时段不超过 12 小时' });
    expect(await refused([{ start: at(t, 100 * DAY), end: at(t, 100 * DAY + HOUR) }])).toMatchObject({ message: '第 1 个期望时段须在未来 90 天内' });
    expect(await refused([{ start: at(t, DAY), end: at(t, DAY + 3 * HOUR) }, { start: at(t, DAY + 2 * HOUR), end: at(t, DAY + 4 * HOUR) }])).toMatchObject({ message: '期望时段之间不能重叠' });
    const six = Array.from({ length: 6 }, (_, i) => slotFrom(t, (i + 1) * DAY));
    expect(await refused(six)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await refused([{ start: 'tomorrow', end: at(t, DAY) }])).code).toBe('VALIDATION_FAILED');
  });

  it('when the craftsman proposes and the enterprise counters, then the craftsman confirms the counter; nobody confirms their own slot, and each side hears of the other’s step', async () => {
    const { ent, cra, order } = await orderInService();
    const first = slotFrom(t, 2 * DAY);
    const path = `/api/orders/${order._id}/appointment`;

    expect((await t.http().post(`${path}/counter`).set(bearer(ent.token)).send({ slot: first })).body.error.code).toBe('APPOINTMENT_STATE');
    expect((await t.http().post(`${path}/proposals`).set(bearer(ent.token)).send({ slot: first })).status).toBe(403);
    const proposed = await t.http().post(`${path}/proposals`).set(bearer(cra.token)).send({ slot: first, note: '上午到现场查看焊缝' });
    expect(proposed.status).toBe(200);
    expect(proposed.body.appointment).toMatchObject({ status: 'proposed', slot: first, rounds: 1 });
    const own = await t.http().post(`${path}/confirm`).set(bearer(cra.token)).send({});
    expect(own.status).toBe(409);
    expect(own.body.error).toMatchObject({ code: 'APPOINTMENT_STATE', message: '不能确认自己提出的时段，请等待对方确认' });

    const second = slotFrom(t, 3 * DAY);
    const countered = await t.http().post(`${path}/counter`).set(bearer(ent.token)).send({ slot: second, note: '周三车间停产检修' });
    expect(countered.body.appointment).toMatchObject({ status: 'countered', slot: second, rounds: 2 });
    expect((await t.http().post(`${path}/confirm`).set(bearer(ent.token)).send({})).status).toBe(409);
    const confirmed = await t.http().post(`${path}/confirm`).set(bearer(cra.token)).send({});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.appointment).toMatchObject({ status: 'confirmed', slot: second, confirmedAt: t.clock.now().toISOString(), attendance: null });
    expect(confirmed.body.appointment.history.map((s: { action: string; party: string }) => `${s.party}:${s.action}`)).toEqual(['craftsman:propose', 'enterprise:counter', 'craftsman:confirm']);
    expect(confirmed.body.timeline.filter((e: { action: string }) => e.action.startsWith('appointment_'))).toHaveLength(3);

    await settle(t);
    const entInbox = (await t.http().get('/api/notifications').set(bearer(ent.token))).body.items as { title: string; orderId: string }[];
    const craInbox = (await t.http().get('/api/notifications').set(bearer(cra.token))).body.items as { title: string; orderId: string }[];
    expect(entInbox.filter((n) => n.orderId === order._id).map((n) => n.title)).toEqual(expect.arrayContaining([`预约上门时间待确认：${order.title}`, `上门时间已确认：${order.title}`]));
    expect(craInbox.filter((n) => n.orderId === order._id).map((n) => n.title)).toEqual(expect.arrayContaining([`企业另提了上门时间：${order.title}`, `上门时间已确认：${order.title}`]));
  });

  it('when someone outside the order tries to negotiate, then they get 404; a slot in the past is a 400; an order not in service is a 409', async () => {
    const { order } = await orderInService();
    const stranger = await craftsmanWithToken(t, { regionCode: '522702' });
    const otherEnt = await enterpriseWithToken(t, { regionCode: '522702' });
    const slot = slotFrom(t, DAY);
    expect((await t.http().post(`/api/orders/${order._id}/appointment/proposals`).set(bearer(stranger.token)).send({ slot })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/appointment/counter`).set(bearer(otherEnt.token)).send({ slot })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${order._id}/appointment/confirm`).set(bearer(staff)).send({})).status).toBe(403);

    const { cra, order: mine } = await orderInService();
    const past = await t.http().post(`/api/orders/${mine._id}/appointment/proposals`).set(bearer(cra.token)).send({ slot: slotFrom(t, -3 * HOUR) });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'INVALID_TIME_WINDOW', message: '预约时段须在当前时间之后' });
    const resolved = await t.http().post(`/api/orders/${mine._id}/resolve`).set(bearer(cra.token)).send({ summary: '电话指导已解决' });
    expect(resolved.status).toBe(200);
    const late = await t.http().post(`/api/orders/${mine._id}/appointment/proposals`).set(bearer(cra.token)).send({ slot });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORDER_NOT_IN_PROGRESS');
  });

  it('when the parties go back and forth too often, then the seventh step is refused and they are sent to the union', async () => {
    const { ent, cra, order } = await orderInService();
    const path = `/api/orders/${order._id}/appointment`;
    for (let round = 0; round < 3; round += 1) {
      expect((await t.http().post(`${path}/proposals`).set(bearer(cra.token)).send({ slot: slotFrom(t, (2 + round) * DAY) })).status).toBe(200);
      expect((await t.http().post(`${path}/counter`).set(bearer(ent.token)).send({ slot: slotFrom(t, (2 + round) * DAY + 4 * HOUR) })).status).toBe(200);
    }
    const seventh = await t.http().post(`${path}/proposals`).set(bearer(cra.token)).send({ slot: slotFrom(t, 6 * DAY) });
    expect(seventh.status).toBe(409);
    expect(seventh.body.error).toMatchObject({ code: 'APPOINTMENT_ROUNDS_EXCEEDED', message: '双方已往返协商 6 次仍未约定，请联系工会协调时间' });
    // The counter-proposal on the table can still be confirmed.
    expect((await t.http().post(`${path}/confirm`).set(bearer(cra.token)).send({})).body.appointment.status).toBe('confirmed');
  });

  it('when the day before the confirmed slot comes, then both parties get one reminder however often the timers and the sweep run', async () => {
    const { ent, cra, order } = await confirmedSlot(3 * DAY);
    const timers = t.engine.services.appointmentTimers;
    t.clock.advance(2 * DAY - HOUR);
    await timers.fireDue();
    expect(await eventsOf(t.engine, order._id, 'order.appointment_reminder')).toHaveLength(0);
    t.clock.advance(2 * HOUR);
    await Promise.all([timers.fireDue(), timers.fire(order._id, 'reminder'), t.engine.timers.sweep(), timers.fire(order._id, 'reminder')]);
    await timers.fireDue();
    expect(await eventsOf(t.engine, order._id, 'order.appointment_reminder')).toHaveLength(1);

    await settle(t);
    for (const token of [ent.token, cra.token]) {
      const inbox = (await t.http().get('/api/notifications').set(bearer(token))).body.items as { title: string; orderId: string }[];
      expect(inbox.filter((n) => n.orderId === order._id && n.title === `明日预约提醒：${order.title}`)).toHaveLength(1);
    }
  });

  it('when a slot is confirmed less than a day ahead, then no reminder goes out; when a confirmed slot is moved, then the new slot gets its own reminder', async () => {
    const { order } = await confirmedSlot(10 * HOUR);
    const timers = t.engine.services.appointmentTimers;
    await timers.fireDue();
    expect(await eventsOf(t.engine, order._id, 'order.appointment_reminder')).toHaveLength(0);

    const moved = await confirmedSlot(2 * DAY);
    const path = `/api/orders/${moved.order._id}/appointment`;
    t.clock.advance(DAY + HOUR);
    await timers.fireDue();
    expect(await eventsOf(t.engine, moved.order._id, 'order.appointment_reminder')).toHaveLength(1);
    expect((await t.http().post(`${path}/counter`).set(bearer(moved.ent.token)).send({ slot: slotFrom(t, 3 * DAY) })).status).toBe(200);
    expect((await t.http().post(`${path}/confirm`).set(bearer(moved.cra.token)).send({})).body.appointment.fired).toEqual([]);
    t.clock.advance(2 * DAY + HOUR);
    await timers.fireDue();
    expect(await eventsOf(t.engine, moved.order._id, 'order.appointment_reminder')).toHaveLength(2);
  });

  it('when the craftsman comes late or not at all, then the case owner sees it in ?owner=me&attendance= and in the inbox; an on-time visit raises nothing', async () => {
    const timers = t.engine.services.appointmentTimers;
    const onTime = await confirmedSlot(2 * DAY);
    const late = await confirmedSlot(2 * DAY);
    const missed = await confirmedSlot(2 * DAY);
    t.clock.advance(2 * DAY + 5 * 60_000);
    const visit = (o: typeof onTime, date: string) => t.http().post(`/api/orders/${o.order._id}/service-records`).set(bearer(o.cra.token)).send({ kind: 'visit', date, hours: 1, summary: '现场诊断' });
    expect((await visit(onTime, t.clock.now().toISOString())).status).toBe(201);
    t.clock.advance(40 * 60_000);
    expect((await visit(late, t.clock.now().toISOString())).status).toBe(201);
    t.clock.advance(4 * HOUR);
    await Promise.all([timers.fireDue(), t.engine.timers.sweep()]);

    const stored = async (id: string) => (await t.engine.store.collection<Order>('orders').findById(id))?.appointment?.attendance;
    expect([await stored(onTime.order._id), await stored(late.order._id), await stored(missed.order._id)]).toEqual(['on_time', 'late', 'missed']);
    expect(await eventsOf(t.engine, onTime.order._id, 'order.appointment_attendance')).toHaveLength(0);

    const mine = await t.http().get('/api/orders?owner=me&attendance=late,missed&limit=100').set(bearer(staff));
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((o: Order) => o._id);
    expect(ids).toEqual(expect.arrayContaining([late.order._id, missed.order._id]));
    expect(ids).not.toContain(onTime.order._id);
    const foreign = await t.http().get('/api/orders?attendance=late,missed&limit=100').set(bearer(await staffToken(t, '522701')));
    expect(foreign.body.items.map((o: Order) => o._id)).not.toContain(missed.order._id);

    await settle(t);
    const inbox = (await t.http().get('/api/notifications?limit=100').set(bearer(staff))).body.items as { title: string; orderId: string }[];
    expect(inbox.filter((n) => n.orderId === missed.order._id).map((n) => n.title)).toContain(`【预约爽约】${missed.order.title}`);
    expect(inbox.filter((n) => n.orderId === late.order._id).map((n) => n.title)).toContain(`【预约迟到】${late.order.title}`);
  });

  it('when a craftsman or staff read the calendar, then booked slots are listed; another craftsman and staff out of reach get 404; a reversed range is a 400', async () => {
    const { cra, slot } = await confirmedSlot(5 * DAY);
    const own = await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar`).set(bearer(cra.token));
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([expect.objectContaining({ status: 'confirmed', slot, attendance: null })]);
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar`).set(bearer(staff))).body.items).toHaveLength(1);
    const outside = await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar?from=${encodeURIComponent(at(t, 6 * DAY))}`).set(bearer(staff));
    expect(outside.body.items).toHaveLength(0);
    const other = await craftsmanWithToken(t, { regionCode: '522702' });
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar`).set(bearer(other.token))).status).toBe(404);
    expect((await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar`).set(bearer(await staffToken(t, '522701')))).status).toBe(404);
    const reversed = await t.http().get(`/api/craftsmen/${cra.craftsman._id}/calendar?from=${encodeURIComponent(at(t, 2 * DAY))}&to=${encodeURIComponent(at(t, DAY))}`).set(bearer(cra.token));
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('INVALID_TIME_WINDOW');
  });

  it('when a craftsman is booked solid in the order’s preferred window, then it ranks below one who is free and its reason says so; without windows it stays first', async () => {
    const county = await staffToken(t, '522723');
    const skill = '刺梨榨汁机维修';
    const strong = await craftsmanWithToken(t, { regionCode: '522723', name: '王强', skills: [{ name: skill, grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2020 }] });
    const plain = await craftsmanWithToken(t, { regionCode: '522723', name: '赵平', skills: [{ name: skill, grade: 4 }], honors: [] });
    const ent = await enterpriseWithToken(t, { regionCode: '522723' });
    const enter = async (extra: Parameters<typeof buildOrder>[0]) => {
      const res = await t.http().post('/api/orders/entries').set(bearer(county)).send({ ...buildOrder({ title: '刺梨榨汁机异响', requiredSkills: [skill], ...extra }), source: 'hotline', enterpriseId: ent.enterprise._id });
      expect(res.status).toBe(201);
      return res.body as Order;
    };
    const window = slotFrom(t, 3 * DAY, 8);
    const busy = await enter({});
    const offer = await t.http().post(`/api/orders/${busy._id}/offers`).set(bearer(county)).send({ craftsmanId: strong.craftsman._id });
    expect((await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(strong.token))).status).toBe(200);
    expect((await t.http().post(`/api/orders/${busy._id}/appointment/proposals`).set(bearer(strong.token)).send({ slot: window })).status).toBe(200);
    expect((await t.http().post(`/api/orders/${busy._id}/appointment/confirm`).set(bearer(ent.token)).send({})).status).toBe(200);
    await settle(t);

    const ranked = async (order: Order) => {
      const res = await t.http().get(`/api/orders/${order._id}/candidates?limit=10`).set(bearer(county));
      expect(res.status).toBe(200);
      return (res.body.candidates as { craftsmanId: string; reasons: string[] }[]).filter((c) => c.craftsmanId === strong.craftsman._id || c.craftsmanId === plain.craftsman._id);
    };
    const unconstrained = await ranked(await enter({}));
    expect(unconstrained.map((c) => c.craftsmanId)).toEqual([strong.craftsman._id, plain.craftsman._id]);
    expect(unconstrained[0]?.reasons).not.toContain('企业期望时段内已排满预约');

    const inWindow = await ranked(await enter({ preferredWindows: [window] }));
    expect(inWindow.map((c) => c.craftsmanId)).toEqual([plain.craftsman._id, strong.craftsman._id]);
    expect(inWindow[1]?.reasons).toContain('企业期望时段内已排满预约');
    expect(inWindow[0]?.reasons).not.toContain('企业期望时段内已排满预约');

    // A second window with free time: the strong craftsman can come then, so it leads again.
    const another = await ranked(await enter({ preferredWindows: [window, slotFrom(t, 5 * DAY, 4)] }));
    expect(another.map((c) => c.craftsmanId)).toEqual([strong.craftsman._id, plain.craftsman._id]);
  });
});

describe('预约 reminders across restarts', () => {
  it('when the engine is down at reminder time, then the reminder goes out once at start-up and not again after another restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-appointments-'));
    const clock = new ManualClock();
    const start = async () => {
      const engine = await buildEngine(testConfig({ dataDir }), { clock, hasher: fastHasher() });
      await engine.startWorkers();
      return engine;
    };
    let engine = await start();
    const s = engine.services;
    const enterprise = await s.enterprises.create(ADMIN, buildEnterprise({ regionCode: '522701' }));
    const craftsman = await s.craftsmen.create(ADMIN, buildCraftsman({ regionCode: '522701' }));
    const staff: Actor = { userId: 'usr_staff_appt', role: 'union_staff', displayName: '都匀市总工会', orgId: 'org_522701', orgRegionCode: '522701' };
    const cra: Actor = { userId: 'usr_cra_appt', role: 'craftsman', displayName: craftsman.name, craftsmanId: craftsman._id };
    const ent: Actor = { userId: 'usr_ent_appt', role: 'enterprise', displayName: enterprise.name, enterpriseId: enterprise._id };
    const order = await s.entries.enter(staff, { ...buildOrder(), source: 'hotline', enterpriseId: enterprise._id });
    const offer = await s.dispatch.offer(staff, order._id, { craftsmanId: craftsman._id });
    await s.dispatch.accept(cra, offer._id);
    const start3 = new Date(clock.now().getTime() + 3 * DAY).toISOString();
    await s.appointments.propose(cra, order._id, { slot: { start: start3, end: new Date(Date.parse(start3) + 2 * HOUR).toISOString() } });
    await s.appointments.confirm(ent, order._id, {});
    await engine.close();

    clock.advance(2 * DAY + HOUR);
    engine = await start();
    expect(await eventsOf(engine, order._id, 'order.appointment_reminder')).toHaveLength(1);
    await engine.close();

    engine = await start();
    await engine.timers.sweep();
    expect(await eventsOf(engine, order._id, 'order.appointment_reminder')).toHaveLength(1);
    await engine.close();
  }, 60_000);
});
