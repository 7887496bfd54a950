import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRequest as request } from '../helpers/openapi-check.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import { DEFAULT_RETENTION } from '../../src/services/retention-service.js';
import { bearer, fastHasher, settle, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';

const DAY = 24 * 60 * 60 * 1000;
const BOUND = { outbox: { maxAgeDays: 7, maxCount: 30 } };

describe('retention of logs that only grow', () => {
  let t: TestEngine;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jx-retention-'));
    const clock = new ManualClock();
    const engine = await buildEngine(testConfig({ dataDir }), { clock, hasher: fastHasher() });
    await engine.startWorkers();
    t = { engine, clock, http: () => request(engine.app) };
  });
  afterAll(() => t.engine.close());

  /** Orders submitted and cancelled: each leaves finished events behind. */
  async function closedOrders(count: number, token: string) {
    for (let i = 0; i < count; i += 1) {
      const { body } = await t.http().post('/api/orders').set(bearer(token)).send(buildOrder()).expect(201);
      await t.http().post(`/api/orders/${body._id}/cancel`).set(bearer(token)).send({ reason: '需求已自行解决' }).expect(200);
    }
    await settle(t);
  }

  it('when many orders close and retention runs, then the outbox keeps at most its bound of finished events, in memory and in the snapshot', async () => {
    const { token } = await enterpriseWithToken(t);
    const outbox = t.engine.store.collection('outbox');
    for (let round = 0; round < 3; round += 1) {
      await closedOrders(25, token);
      expect(await outbox.count({ status: 'sent' })).toBeGreaterThan(BOUND.outbox.maxCount);
      const report = await t.engine.services.retention.prune(BOUND);
      expect(report.outbox).toBeGreaterThan(0);
      expect(await outbox.count({ status: 'sent' })).toBe(BOUND.outbox.maxCount);
      t.clock.advance(2 * 60 * 60 * 1000);
    }
    // Past the age limit every finished event goes; the orders themselves are records and stay.
    t.clock.advance(8 * DAY);
    await t.engine.services.retention.prune(BOUND);
    expect(await outbox.count({})).toBe(0);
    expect(await t.engine.store.collection('orders').count({ status: 'cancelled' })).toBeGreaterThanOrEqual(75);

    await t.engine.close();
    const snapshot = await readFile(join(dataDir, 'store', 'snapshot.jsonl'), 'utf8');
    expect(snapshot.split('\n').filter((line) => line.includes('"c":"outbox"'))).toHaveLength(0);
    t.engine = await buildEngine(testConfig({ dataDir }), { clock: t.clock, hasher: fastHasher() });
  }, 120_000);

  it('when notifications were read and deliveries finished long ago, then they are pruned and unread ones and dead letters are kept', async () => {
    const now = t.clock.now().getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    const note = (id: string, readAt: string | null) => ({ _id: id, eventId: `evt_${id}`, userId: 'usr_x', channel: 'inbox', title: '新需求', body: '', link: '/', orderId: null, readAt, createdAt: at(200) });
    await t.engine.store.collection('notifications').insertMany([note('read-old', at(100)), note('read-new', at(10)), note('unread', null)]);
    const delivery = (id: string, status: string, daysAgo: number) => ({ _id: id, channel: 'webhook', eventId: `evt_${id}`, status, attempts: 1, createdAt: at(daysAgo), updatedAt: at(daysAgo) });
    await t.engine.store.collection('deliveries').insertMany([delivery('sent-old', 'sent', 40), delivery('sent-new', 'sent', 5), delivery('failed-old', 'failed', 40)]);

    const report = await t.engine.services.retention.prune();
    expect(report).toMatchObject({ readNotifications: 1, finishedDeliveries: 1 });
    expect((await t.engine.store.collection('notifications').find({}, { sort: { _id: 1 } })).map((n) => n._id)).toEqual(['read-new', 'unread']);
    expect((await t.engine.store.collection('deliveries').find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['failed-old', 'sent-new']);
    expect(DEFAULT_RETENTION.outbox).toEqual({ maxAgeDays: 7, maxCount: 50_000 });
  });
});
