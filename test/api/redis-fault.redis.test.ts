import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../src/domain/notifications/notification.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { redisUnavailableReason, startRedisServer } from '../helpers/redis-server.js';

const reason = redisUnavailableReason();

/** Polls until `check` holds or the time runs out; returns whether it held. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe.skipIf(reason !== null)(`engine on BullMQ while Redis goes away${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let t: TestEngine;
  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestEngine({ redisUrl: redis.url });
  }, 60_000);
  afterAll(async () => {
    if (!redis.running) await redis.restart();
    await t.engine.close();
    await redis.stop();
  }, 60_000);

  it('when Redis is stopped, then orders keep flowing; when it returns, every notification reaches every inbox exactly once', async () => {
    expect(t.engine.queue.adapter).toBe('bullmq');
    const staff = await staffToken(t, '522701');
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { capacity: 20 });
    const orderIds: string[] = [];
    const runOrder = async (i: number) => {
      const created = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: `设备故障排查 ${i}` }));
      expect(created.status).toBe(201);
      await t.http().post(`/api/orders/${created.body._id}/vet`).set(bearer(staff)).send({ approve: true }).expect(200);
      await t.http().post(`/api/orders/${created.body._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id }).expect(201);
      orderIds.push(created.body._id);
    };

    for (let i = 0; i < 4; i += 1) await runOrder(i);
    // This private Redis keeps nothing on disk (production runs it with appendonly, see docker-compose.yml):
    // let what it already holds be handled, so the outage tested is Redis being away, not Redis losing data.
    await settle(t);
    await redis.stop({ hard: true });
    expect((await t.http().get('/readyz')).body.ports.queue).toMatchObject({ adapter: 'bullmq', ok: false, state: 'degraded' });
    for (let i = 4; i < 10; i += 1) await runOrder(i);
    const outbox = t.engine.store.collection('outbox');
    expect(await outbox.count({ status: 'pending' })).toBeGreaterThan(0);

    await redis.restart();
    expect(await eventually(async () => (await outbox.count({ status: 'pending' })) === 0), 'outbox drained after Redis returned').toBe(true);
    const inbox = t.engine.store.collection<Notification>('notifications');
    const delivered = () => inbox.find({ orderId: { $in: orderIds } });
    // Per order: the enterprise hears of the approval, the craftsman of the offer, county and prefecture staff of the submission.
    expect(await eventually(async () => (await delivered()).filter((n) => n.eventType === 'offer.made').length >= 10), 'offer notifications delivered').toBe(true);
    await t.engine.queue.onIdle('notify');

    const rows = await delivered();
    const count = (type: string) => rows.filter((n) => n.eventType === type).length;
    expect(count('offer.made')).toBe(10);
    expect(count('order.approved')).toBe(10);
    const keys = rows.map((n) => `${n.eventId}:${n.userId}:${n.channel}`);
    expect(new Set(keys).size).toBe(keys.length);
    const craftsmanInbox = await t.http().get('/api/notifications?limit=100').set(bearer(cra.token));
    expect(craftsmanInbox.body.items.filter((n: Notification) => n.eventType === 'offer.made')).toHaveLength(10);
    const enterpriseInbox = await t.http().get('/api/notifications?limit=100').set(bearer(ent.token));
    expect(enterpriseInbox.body.items.filter((n: Notification) => n.eventType === 'order.approved')).toHaveLength(10);
  }, 120_000);
});
