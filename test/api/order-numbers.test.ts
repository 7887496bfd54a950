import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/orders/order.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

const sequenceOf = (number: string) => Number(number.split('-')[2]);

describe('order numbers: 黔南-2026-0042, unique and sequential per prefecture and year', () => {
  let t: TestEngine;

  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('when 50 orders are submitted at once in one prefecture, then each gets its own number and together they are 0001…0050', async () => {
    // Five enterprises in five counties: each stays under the open-order limit of 20.
    const counties = ['522701', '522702', '522722', '522725', '522732'];
    const enterprises = await Promise.all(counties.map((regionCode) => enterpriseWithToken(t, { regionCode })));
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.http().post('/api/orders').set(bearer(enterprises[i % 5]!.token)).send(buildOrder({ title: `并发提交的需求 ${i}` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(50);
    for (const number of numbers) expect(number).toMatch(/^黔南-2026-\d{4}$/);
    expect(numbers.map(sequenceOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // What the API answered is what was stored.
    const stored = await t.engine.store.collection<Order>('orders').find({ _id: { $in: responses.map((r) => r.body._id as string) } });
    expect(new Set(stored.map((o) => o.number))).toEqual(new Set(numbers));
  });

  it('when the Beijing year turns, then the next order starts the new year at 0001, and another prefecture keeps its own sequence', async () => {
    t.clock.set('2026-12-31T15:59:00.000Z'); // 23:59 on 31 December in Beijing (tokens are made now: they last 12 hours)
    const ent = await enterpriseWithToken(t, { regionCode: '522701' });
    const kaili = await enterpriseWithToken(t, { regionCode: '522601' });
    const last = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '年末最后一单' }));
    const elsewhere = await t.http().post('/api/orders').set(bearer(kaili.token)).send(buildOrder({ title: '黔东南的第一单' }));
    t.clock.set('2026-12-31T16:01:00.000Z'); // 00:01 on 1 January 2027 in Beijing
    const first = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '新年第一单' }));
    const second = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '新年第二单' }));
    expect(last.body.number).toBe('黔南-2026-0051');
    expect(elsewhere.body.number).toBe('黔东南-2026-0001');
    expect(first.body.number).toBe('黔南-2027-0001');
    expect(second.body.number).toBe('黔南-2027-0002');
    const read = await t.http().get(`/api/orders/${first.body._id}`).set(bearer(ent.token));
    expect(read.body.number).toBe('黔南-2027-0001');
  });

  it('when staff search for an order number, then that order comes first; a county outside it finds nothing', async () => {
    await settle(t);
    t.clock.set('2027-01-01T02:00:00.000Z');
    const prefecture = await staffToken(t, '522700');
    const listed = await t.http().get('/api/orders?limit=100').set(bearer(prefecture));
    const target = (listed.body.items as Order[]).find((o) => o.number === '黔南-2026-0042');
    expect(target).toBeDefined();
    const found = await t.http().get(`/api/orders?q=${encodeURIComponent('黔南-2026-0042')}`).set(bearer(prefecture));
    expect(found.status).toBe(200);
    expect(found.body.items[0]._id).toBe(target!._id);
    expect(found.body.items[0].number).toBe('黔南-2026-0042');
    expect((found.body.items as Order[]).filter((o) => o._id === target!._id)).toHaveLength(1);
    // A county reaching none of it does not learn it exists.
    const otherCounty = target!.regionCode === '522702' ? '522701' : '522702';
    const outside = await t.http().get(`/api/orders?q=${encodeURIComponent('黔南-2026-0042')}`).set(bearer(await staffToken(t, otherCounty)));
    expect((outside.body.items as Order[]).some((o) => o._id === target!._id)).toBe(false);
  });

  it('when orders were stored before numbers existed, then the start-up backfill numbers them in order of submission', async () => {
    const fresh = await startTestEngine();
    try {
      const ent = await enterpriseWithToken(fresh, { regionCode: '522702' });
      const ids: string[] = [];
      for (const at of ['2026-03-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z']) {
        fresh.clock.set(at);
        ids.push((await fresh.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder())).body._id as string);
      }
      const store = fresh.engine.store;
      // As a store written before numbers existed: no numbers, no counters.
      await store.collection('orders').updateMany({}, { $unset: { number: '' } });
      await store.collection('counters').deleteMany({});
      expect(await fresh.engine.services.orderNumbers.backfill()).toBe(3);
      const numbered = await store.collection<Order>('orders').find({ _id: { $in: ids } });
      const byId = new Map(numbered.map((o) => [o._id, o.number]));
      expect(ids.map((id) => byId.get(id))).toEqual(['黔南-2026-0001', '黔南-2026-0002', '黔南-2026-0003']);
      expect(await fresh.engine.services.orderNumbers.backfill()).toBe(0);
      const next = await fresh.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
      expect(next.body.number).toBe('黔南-2026-0004');
    } finally {
      await fresh.engine.close();
    }
  });
});
