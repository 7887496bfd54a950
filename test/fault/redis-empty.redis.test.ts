import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Delivery } from '../../src/domain/notifications/notification.js';
import type { WebhookConfig } from '../../src/domain/notifications/webhook-message.js';
import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';
import type { Actor } from '../../src/domain/users/user.js';
import { startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken } from '../helpers/fixtures.js';
import { redisUnavailableReason, startRedisServer, type PrivateRedisServer } from '../helpers/redis-server.js';
import { CountingWebhook } from './counting-webhook.js';
import { countEffects } from './effects.js';
import { allowManyOpenOrders } from './order-limits.js';

const reason = redisUnavailableReason();
/** The issue asks for 30 s; CI runs a shorter outage (FAULT_REDIS_DOWN_MS=30000 runs the full one). */
const DOWN_MS = Number(process.env.FAULT_REDIS_DOWN_MS ?? 5_000);
const EVENTS = 1_000;

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe.skipIf(reason !== null)(`events while Redis is killed and comes back empty${reason ? ` (${reason})` : ''}`, () => {
  let redis: PrivateRedisServer;
  let t: TestEngine;
  const webhook = new CountingWebhook();
  let staff: string[];
  let enterprise: Actor;
  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestEngine({ redisUrl: redis.url }, { webhookTransport: webhook, deliverySweepMs: 1_000, notifications: { webhook: { attempts: 6, backoffMs: 200 }, sms: { attempts: 2, backoffMs: 200 } } });
    const accounts = t.engine.services.accounts;
    staff = await Promise.all(['522701', '522700'].map(async (region) => (await accounts.authenticate(await tokenFor(t, { role: 'union_staff', orgRegionCode: region }))).userId));
    await allowManyOpenOrders(t.engine.services);
    enterprise = await accounts.authenticate((await enterpriseWithToken(t)).token);
    // The county federation takes every submission on its webhook: one delivery job in Redis per order.
    await t.engine.store.collection<WebhookConfig>('webhooks').insertOne({ _id: orgIdForRegion('522701'), url: 'https://hooks.example.com/jx', secret: 'fault-test-secret-0123456789', enabled: true, allowPrivate: false, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'test' });
  }, 60_000);
  afterAll(async () => {
    if (!redis.running) await redis.restart();
    await t.engine.close();
    await redis.stop();
  }, 60_000);

  it(`when Redis is SIGKILLed with ${EVENTS} events in flight, down ${DOWN_MS / 1000} s and restarted empty, then no effect is lost and none is doubled`, async () => {
    const orderIds: string[] = [];
    for (let i = 0; i < EVENTS; i += 1) orderIds.push((await t.engine.services.orders.submit(enterprise, buildOrder({ title: `锅炉焊缝检测 ${i}` })))._id);
    const deliveries = t.engine.store.collection<Delivery>('deliveries');
    // In flight: some events handled and their delivery jobs sitting in Redis, others still waiting.
    expect(await eventually(async () => (await deliveries.count({ status: 'pending' })) > 0, 30_000)).toBe(true);
    await redis.stop({ hard: true });
    const atKill = { pendingEvents: await t.engine.store.collection<DomainEvent>('outbox').count({ status: 'pending' }), pendingDeliveries: await deliveries.count({ status: 'pending' }) };
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await redis.restart();

    const caughtUp = await eventually(async () => (await t.engine.store.collection('outbox').count({ status: 'pending' })) === 0 && (await deliveries.count({ status: { $ne: 'sent' } })) === 0, 90_000);
    expect(caughtUp, `caught up after Redis returned (at the kill: ${JSON.stringify(atKill)})`).toBe(true);
    const effects = await countEffects(t.engine.store, orderIds, (event) => (event.type === 'order.submitted' ? staff : []));
    expect(effects).toMatchObject({ unfinished: 0, setAside: 0, inboxMissing: 0, inboxDuplicated: 0, deliveriesNotSent: 0, rollupBucketsOff: 0 });
    expect(effects.inboxRows).toBe(EVENTS * staff.length);
    expect(await deliveries.count({ eventId: { $regex: '^evt' } })).toBe(EVENTS);
    expect(webhook.received.size).toBe(EVENTS);
    expect(webhook.duplicated).toBe(0);
  }, 240_000);
});
