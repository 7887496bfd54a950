import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildEngine, type Engine } from '../../src/engine.js';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Order } from '../../src/domain/orders/order.js';
import { DEFAULT_SERVICE_LIMITS } from '../../src/domain/orders/service-limits.js';
import type { Actor } from '../../src/domain/users/user.js';
import { ADMIN, bearer, fastHasher, settle, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';

const HOUR = 3_600_000;
const limitEvents = async (engine: Pick<Engine, 'store'>, orderId: string) => {
  const events = await engine.store.collection<DomainEvent>('outbox').find({ aggregateId: orderId, type: { $in: ['order.limit_reminder', 'order.limit_overdue'] } });
  return events.map((e) => `${e.type}:${String(e.payload.milestone)}`).sort();
};

describe('服务时限: first contact and resolution deadlines after acceptance', () => {
  let t: TestEngine;
  let staff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    staff = await staffToken(t, '522725');
    // The prefecture sets its own limits; a county below inherits them.
    const put = await t.http().put('/api/orgs/org_522700/service-limits').set(bearer(await staffToken(t, '522700'))).send({ ...DEFAULT_SERVICE_LIMITS, firstContactHours: { ...DEFAULT_SERVICE_LIMITS.firstContactHours, normal: 10 } });
    expect(put.status).toBe(200);
  });
  afterAll(() => t.engine.close());

  async function acceptedOrder(overrides: Parameters<typeof buildOrder>[0] = {}) {
    const ent = await enterpriseWithToken(t, { regionCode: '522725' });
    const cra = await craftsmanWithToken(t, { regionCode: '522725' });
    // Tokens are made fresh: earlier cases move the clock days ahead.
    const staff = await staffToken(t, '522725');
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(overrides), source: 'hotline', enterpriseId: ent.enterprise._id });
    const offer = await t.http().post(`/api/orders/${entered.body._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    const accepted = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(accepted.status).toBe(200);
    return { ent, cra, order: accepted.body as Order };
  }

  it('when a county has no limits of its own, then it reads its prefecture’s; another county’s staff get 404 and a bad value is a 400', async () => {
    const res = await t.http().get('/api/orgs/org_522725/service-limits').set(bearer(staff));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'serviceLimits:org_522700', limits: { firstContactHours: { normal: 10 } } });
    const foreign = await t.http().get('/api/orgs/org_522725/service-limits').set(bearer(await staffToken(t, '522701')));
    expect(foreign.status).toBe(404);
    const bad = await t.http().put('/api/orgs/org_522725/service-limits').set(bearer(staff)).send({ ...DEFAULT_SERVICE_LIMITS, reminderLeadPercent: 99 });
    expect(bad.status).toBe(400);
  });

  it('when a craftsman accepts, then the deadlines follow the governing policy by urgency and category', async () => {
    const { order } = await acceptedOrder({ category: 'equipment_repair' });
    const accepted = Date.parse(order.acceptedAt as string);
    expect(Date.parse(order.serviceDeadlines!.firstContactDueAt) - accepted).toBe(10 * HOUR);
    expect(Date.parse(order.serviceDeadlines!.firstContactRemindAt) - accepted).toBe(7.5 * HOUR);
    expect(Date.parse(order.serviceDeadlines!.resolutionDueAt) - accepted).toBe(7 * 24 * HOUR);
  });

  it('when the first visit is late, then one reminder before and one escalation after go out, exactly once however often the timers and the sweep run', async () => {
    const { order, cra } = await acceptedOrder();
    // Other tests' orders share this engine: what counts is this order's events.
    const timers = t.engine.services.limitTimers;
    t.clock.advance(7 * HOUR);
    await timers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual([]);
    t.clock.advance(HOUR);
    await Promise.all([timers.fireDue(), timers.fire(order._id, 'first_contact.reminder'), t.engine.timers.sweep(), timers.fire(order._id, 'first_contact.reminder')]);
    await timers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_reminder:first_contact']);
    t.clock.advance(2 * HOUR);
    await Promise.all([timers.fireDue(), timers.fire(order._id, 'first_contact.escalation'), t.engine.timers.sweep()]);
    expect(await timers.fire(order._id, 'first_contact.escalation')).toBe(false);
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_overdue:first_contact', 'order.limit_reminder:first_contact']);

    await settle(t);
    const inbox = await t.engine.store.collection<{ _id: string; userId: string; orderId: string; title: string }>('notifications').find({ orderId: order._id });
    expect(inbox.filter((n) => n.userId === order.ownerId && n.title.startsWith('【已超时】'))).toHaveLength(1);
    expect(inbox.filter((n) => n.userId === order.ownerId && n.title.startsWith('服务时限将到'))).toHaveLength(1);
    const craftsmanInbox = await t.http().get('/api/notifications').set(bearer(cra.token));
    expect(craftsmanInbox.body.items.filter((n: { title: string; orderId: string }) => n.orderId === order._id && n.title.startsWith('服务时限提醒'))).toHaveLength(1);
    expect(craftsmanInbox.body.items.filter((n: { title: string; orderId: string }) => n.orderId === order._id && n.title.startsWith('服务已超时'))).toHaveLength(1);
  });

  it('when the craftsman logs a visit in time, then no first-contact timer goes off; the resolution ones still stand until it is resolved', async () => {
    const { order, cra } = await acceptedOrder();
    t.clock.advance(HOUR);
    const rec = await t.http().post(`/api/orders/${order._id}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', date: t.clock.now().toISOString(), hours: 2, summary: '现场查看' });
    expect(rec.status).toBe(201);
    t.clock.advance(20 * HOUR);
    await t.engine.services.limitTimers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual([]);
    const stored = await t.engine.store.collection<Order>('orders').findById(order._id);
    expect(stored?.firstContactAt).toBe(new Date(Date.parse(order.acceptedAt as string) + HOUR).toISOString());
    t.clock.advance(30 * 24 * HOUR);
    await t.engine.services.limitTimers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_overdue:resolution']);
  });

  it('when a late order is reopened, then its resolution is due again within the category time from the reopening, and its reminder and escalation go out once more, once each; the first contact keeps its deadline', async () => {
    const { order, cra, ent } = await acceptedOrder({ category: 'equipment_repair' });
    t.clock.advance(HOUR);
    await t.http().post(`/api/orders/${order._id}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', date: t.clock.now().toISOString(), hours: 2, summary: '现场查看' });
    t.clock.advance(7 * 24 * HOUR);
    await t.engine.services.limitTimers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_overdue:resolution']);
    const craToken = await tokenFor(t, { role: 'craftsman', subjectId: cra.craftsman._id });
    const entToken = await tokenFor(t, { role: 'enterprise', subjectId: ent.enterprise._id });
    expect((await t.http().post(`/api/orders/${order._id}/resolve`).set(bearer(craToken)).send({ summary: '已更换密封件' })).status).toBe(200);
    t.clock.advance(HOUR);
    const reopened = await t.http().post(`/api/orders/${order._id}/reopen`).set(bearer(entToken)).send({ reason: '又开始渗漏' });
    expect(reopened.status).toBe(200);
    const reopenedAt = Date.parse(reopened.body.updatedAt);
    const before = order.serviceDeadlines as NonNullable<Order['serviceDeadlines']>;
    expect(reopened.body.serviceDeadlines).toEqual({
      firstContactDueAt: before.firstContactDueAt,
      firstContactRemindAt: before.firstContactRemindAt,
      resolutionDueAt: new Date(reopenedAt + 7 * 24 * HOUR).toISOString(),
      resolutionRemindAt: new Date(reopenedAt + Math.round(7 * 24 * HOUR * 0.75)).toISOString(),
    });
    await settle(t);
    const timers = t.engine.services.limitTimers;
    t.clock.advance(5.25 * 24 * HOUR + 60_000);
    await Promise.all([timers.fireDue(), t.engine.timers.sweep(), timers.fire(order._id, 'resolution.reminder')]);
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_overdue:resolution', 'order.limit_reminder:resolution']);
    t.clock.advance(2 * 24 * HOUR);
    await Promise.all([timers.fireDue(), t.engine.timers.sweep(), timers.fire(order._id, 'resolution.escalation')]);
    await timers.fireDue();
    expect(await limitEvents(t.engine, order._id)).toEqual(['order.limit_overdue:resolution', 'order.limit_overdue:resolution', 'order.limit_reminder:resolution']);
  });
});

describe('服务时限 across restarts', () => {
  it('when the engine stops before a reminder and starts after it, then the reminder goes out once at start-up, and a further restart past the deadline sends only the escalation, once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-limits-'));
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
    const staff: Actor = { userId: 'usr_staff_restart', role: 'union_staff', displayName: '都匀市总工会', orgId: 'org_522701', orgRegionCode: '522701' };
    const cra: Actor = { userId: 'usr_cra_restart', role: 'craftsman', displayName: craftsman.name, craftsmanId: craftsman._id };
    const order = await s.entries.enter(staff, { ...buildOrder({ urgency: 'critical' }), source: 'hotline', enterpriseId: enterprise._id });
    const offer = await s.dispatch.offer(staff, order._id, { craftsmanId: craftsman._id });
    await s.dispatch.accept(cra, offer._id);
    await engine.close();

    // critical: first contact within 4 h, reminder at 3 h.
    clock.advance(3.5 * 3_600_000);
    engine = await start();
    expect(await limitEvents(engine, order._id)).toEqual(['order.limit_reminder:first_contact']);
    await engine.close();

    engine = await start();
    expect(await limitEvents(engine, order._id)).toEqual(['order.limit_reminder:first_contact']);
    clock.advance(3_600_000);
    await engine.close();

    engine = await start();
    await engine.timers.sweep();
    expect(await limitEvents(engine, order._id)).toEqual(['order.limit_overdue:first_contact', 'order.limit_reminder:first_contact']);
    await engine.close();
  }, 60_000);
});
