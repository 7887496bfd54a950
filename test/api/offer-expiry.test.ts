import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRequest as request } from '../helpers/openapi-check.js';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildEngine, type Engine } from '../../src/engine.js';
import { ADMIN, fastHasher, settle, startTestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';

const enterpriseActor = (id: string, name: string) => ({ userId: `t:${id}`, role: 'enterprise' as const, displayName: name, enterpriseId: id });

async function offeredOrder(engine: Engine, urgency: 'critical' | 'normal' = 'critical') {
  const s = engine.services;
  const enterprise = await s.enterprises.create(ADMIN, buildEnterprise());
  const craftsman = await s.craftsmen.create(ADMIN, buildCraftsman());
  const order = await s.orders.submit(enterpriseActor(enterprise._id, enterprise.name), buildOrder({ urgency }));
  await s.orders.vet(ADMIN, order._id, { approve: true });
  const offer = await s.dispatch.offer(ADMIN, order._id, { craftsmanId: craftsman._id });
  return { order, offer, craftsman };
}

describe('offer deadlines', () => {
  it('when an offer passes its deadline, then the sweep expires it, the order is open again and the craftsman excluded', async () => {
    const t = await startTestEngine();
    const { order, offer, craftsman } = await offeredOrder(t.engine);
    t.clock.advance(59 * 60_000);
    expect(await t.engine.timers.sweep()).toMatchObject({ expired: 0 });
    t.clock.advance(2 * 60_000);
    expect(await t.engine.timers.sweep()).toMatchObject({ expired: 1 });
    const stored = await t.engine.store.collection('orders').findById(order._id);
    expect(stored).toMatchObject({ status: 'open', currentOfferId: null, excludedCraftsmanIds: [craftsman._id], dispatchFailures: 1 });
    expect((await t.engine.store.collection('offers').findById(offer._id))!.status).toBe('expired');
    const timeline = stored!.timeline as Array<{ action: string; actorRole: string }>;
    expect(timeline.at(-1)).toMatchObject({ action: 'expire', actorRole: 'system' });
    await settle(t);
    await t.engine.close();
  });

  it('when offers are accepted, declined or withdrawn, then their expiry timers are removed from the queue', async () => {
    const t = await startTestEngine();
    const s = t.engine.services;
    const made = await Promise.all([offeredOrder(t.engine, 'normal'), offeredOrder(t.engine, 'normal'), offeredOrder(t.engine, 'normal')]);
    await settle(t);
    expect(await t.engine.queue.counts('offer-expiry')).toMatchObject({ delayed: 3 });
    const [accepted, declined, withdrawn] = made;
    const craftsmanActor = (id: string) => ({ userId: `t:${id}`, role: 'craftsman' as const, displayName: '工匠', craftsmanId: id });
    await s.dispatch.accept(craftsmanActor(accepted!.craftsman._id), accepted!.offer._id);
    await settle(t);
    expect(await t.engine.queue.counts('offer-expiry')).toMatchObject({ delayed: 2 });
    await s.dispatch.decline(craftsmanActor(declined!.craftsman._id), declined!.offer._id, '档期已满');
    const owner = await t.engine.store.collection('orders').findById(withdrawn!.order._id);
    await s.orders.cancel(enterpriseActor(owner!.enterpriseId as string, '企业'), withdrawn!.order._id, '问题已自行解决');
    await settle(t);
    expect(await t.engine.queue.counts('offer-expiry')).toMatchObject({ delayed: 0, waiting: 0, active: 0 });
    expect((await t.engine.store.collection('offers').find({ _id: { $in: made.map((m) => m.offer._id) } })).map((o) => o.status).sort()).toEqual(['accepted', 'declined', 'withdrawn']);
    await t.engine.close();
  });

  it('when an auto-dispatched offer expires, then the next candidate is offered', async () => {
    const t = await startTestEngine();
    const s = t.engine.services;
    const enterprise = await s.enterprises.create(ADMIN, buildEnterprise());
    const best = await s.craftsmen.create(ADMIN, buildCraftsman({ name: '首选', skills: [{ name: '焊接', grade: 1 }] }));
    const next = await s.craftsmen.create(ADMIN, buildCraftsman({ name: '次选', skills: [{ name: '焊接', grade: 4 }] }));
    const order = await s.orders.submit(enterpriseActor(enterprise._id, enterprise.name), buildOrder({ urgency: 'critical', autoDispatch: true }));
    await s.orders.vet(ADMIN, order._id, { approve: true });
    const offers = t.engine.store.collection('offers');
    expect(await offers.find({ orderId: order._id }, { projection: { craftsmanId: 1, status: 1 } })).toEqual([expect.objectContaining({ craftsmanId: best._id, status: 'pending' })]);
    t.clock.advance(61 * 60_000);
    await t.engine.timers.sweep();
    const after = await offers.find({ orderId: order._id }, { sort: { createdAt: 1, _id: 1 } });
    expect(after.map((o) => [o.craftsmanId, o.status])).toEqual([
      [best._id, 'expired'],
      [next._id, 'pending'],
    ]);
    expect((await t.engine.store.collection('orders').findById(order._id))!.status).toBe('offered');
    await t.engine.close();
  });

  it('when an approved order waits past its org\'s acceptance SLA, then it is escalated to the parent org once', async () => {
    const t = await startTestEngine();
    await t.engine.services.matching.putPolicy(ADMIN, 'org_522701', { acceptSlaHours: { normal: 2 } });
    const s = t.engine.services;
    const enterprise = await s.enterprises.create(ADMIN, buildEnterprise());
    const order = await s.orders.submit(enterpriseActor(enterprise._id, enterprise.name), buildOrder({ urgency: 'normal' }));
    await s.orders.vet(ADMIN, order._id, { approve: true });
    t.clock.advance(119 * 60_000);
    expect(await t.engine.timers.sweep()).toMatchObject({ escalated: 0 });
    t.clock.advance(2 * 60_000);
    expect(await t.engine.timers.sweep()).toMatchObject({ escalated: 1 });
    expect(await t.engine.timers.sweep()).toMatchObject({ escalated: 0 });
    expect((await t.engine.store.collection('orders').findById(order._id))!.escalatedToOrgId).toBe('org_522700');
    const events = await t.engine.store.collection('outbox').find({ type: 'order.escalated', aggregateId: order._id });
    expect(events.map((e) => (e.payload as { why: string }).why)).toEqual(['sla']);
    await t.engine.close();
  });

  it('when the engine restarts after a deadline passed, then start-up reconciliation expires the offer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-expiry-'));
    const clock = new ManualClock();
    const config = testConfig({ dataDir });
    const first = await buildEngine(config, { clock, hasher: fastHasher() });
    await first.startWorkers();
    const { order, offer } = await offeredOrder(first);
    await first.close();

    clock.advance(2 * 60 * 60_000);
    const second = await buildEngine(config, { clock, hasher: fastHasher() });
    expect((await second.store.collection('offers').findById(offer._id))!.status).toBe('pending');
    await second.startWorkers();
    expect((await second.store.collection('offers').findById(offer._id))!.status).toBe('expired');
    expect((await second.store.collection('orders').findById(order._id))!.status).toBe('open');
    await second.close();
  });

  it('when the engine restarts before the deadline, then the pending offer keeps its timer and stays answerable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-expiry-'));
    const clock = new ManualClock();
    const config = testConfig({ dataDir });
    const first = await buildEngine(config, { clock, hasher: fastHasher() });
    const { offer } = await offeredOrder(first, 'normal');
    await first.close();
    const second = await buildEngine(config, { clock, hasher: fastHasher() });
    await second.startWorkers();
    expect(await second.queue.counts('offer-expiry')).toMatchObject({ delayed: 1 });
    expect((await second.store.collection('offers').findById(offer._id))!.status).toBe('pending');
    await request(second.app).get('/healthz').expect(200);
    await second.close();
  });
});
