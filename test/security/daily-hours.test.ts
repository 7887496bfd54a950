import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../src/domain/orders/order.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { beijingToday, orderInProgress } from './helpers.js';

describe('the daily hours cap under concurrent logging', () => {
  let t: TestEngine;
  let dyStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    dyStaff = await staffToken(t, '522701');
  });
  afterAll(() => t.engine.close());

  async function craftsmanWithTwoOrders() {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { capacity: 3 });
    const who = { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id };
    const orders = [await orderInProgress(t, who), await orderInProgress(t, who)];
    return { ent, cra, orders };
  }
  const record = (token: string, orderId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(token)).send({ kind: 'visit', summary: '现场指导', ...body });
  const storedHours = async (craftsmanId: string, day: string) =>
    (await t.engine.store.collection<ServiceRecord>('serviceRecords').find({ craftsmanId, day })).reduce((sum, r) => sum + r.hours, 0);

  it('when 30 records of 1.5 hours for one craftsman and day arrive at once over two orders, then exactly 8 are stored (12 hours) and the rest are 400 DAILY_HOURS_EXCEEDED', async () => {
    const { cra, orders } = await craftsmanWithTwoOrders();
    const today = beijingToday(t);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => record(cra.token, orders[i % 2]!, { date: today, hours: 1.5 })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect(statuses.filter((s) => s === 400)).toHaveLength(22);
    for (const refused of answers.filter((a) => a.status === 400)) expect(refused.body.error).toMatchObject({ code: 'DAILY_HOURS_EXCEEDED', details: { remaining: 0 } });
    expect(await storedHours(cra.craftsman._id, today)).toBe(12);
  });

  it('when records of mixed lengths race, then what is stored never passes 12 hours and the day is filled as far as the accepted ones allow', async () => {
    const { cra, orders } = await craftsmanWithTwoOrders();
    const today = beijingToday(t);
    const lengths = [5, 4, 3, 2.5, 2, 1, 0.5, 0.25, 6, 7, 3.5, 1.75];
    const answers = await Promise.all(lengths.map((hours, i) => record(cra.token, orders[i % 2]!, { date: today, hours })));
    const accepted = lengths.filter((_, i) => answers[i]!.status === 201).reduce((a, b) => a + b, 0);
    const stored = await storedHours(cra.craftsman._id, today);
    expect(stored).toBe(accepted);
    expect(stored).toBeLessThanOrEqual(12);
    // Every refusal was right when it was made: the length refused did not fit beside what was stored at the end.
    for (const [i, answer] of answers.entries()) if (answer.status !== 201) expect(stored + lengths[i]!).toBeGreaterThan(12);
  });

  it('when records were stored before the day’s ledger existed, then their hours still count against the cap', async () => {
    const { ent, cra, orders } = await craftsmanWithTwoOrders();
    const today = beijingToday(t);
    const legacy = (id: string, hours: number): ServiceRecord => ({
      _id: id,
      orderId: orders[0]!,
      craftsmanId: cra.craftsman._id,
      enterpriseId: ent.enterprise._id,
      regionCode: '522701',
      regionPath: ['520000', '522700', '522701'],
      kind: 'visit',
      date: today,
      day: today,
      hours,
      attendees: 0,
      summary: '旧记录',
      dispute: null,
      createdAt: t.clock.now().toISOString(),
    });
    await t.engine.store.collection<ServiceRecord>('serviceRecords').insertMany([legacy(`svc_legacy_${cra.craftsman._id}_a`, 10), legacy(`svc_legacy_${cra.craftsman._id}_b`, 1.5)]);
    expect(await t.engine.store.collection('serviceDays').findById(`${cra.craftsman._id}:${today}`)).toBeNull();
    const refused = await record(cra.token, orders[1]!, { date: today, hours: 0.75 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'DAILY_HOURS_EXCEEDED', details: { remaining: 0.5 } });
    expect((await record(cra.token, orders[1]!, { date: today, hours: 0.5 })).status).toBe(201);
  });

  it('when a disputed record is still open its hours stay claimed; once the dispute is upheld they are free for another record that day', async () => {
    const { ent, cra, orders } = await craftsmanWithTwoOrders();
    const today = beijingToday(t);
    const full = (await record(cra.token, orders[0]!, { date: today, hours: 12 }).expect(201)).body._id as string;
    await t.http().post(`/api/orders/${orders[0]}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    await t.http().post(`/api/service-records/${full}/dispute`).set(bearer(ent.token)).send({ reason: '当天只来了两小时' }).expect(200);
    expect((await record(cra.token, orders[1]!, { date: today, hours: 2 })).body.error?.code).toBe('DAILY_HOURS_EXCEEDED');
    await t.http().post(`/api/service-records/${full}/dispute-decision`).set(bearer(dyStaff)).send({ uphold: true, reason: '核实只到场两小时' }).expect(200);
    expect((await record(cra.token, orders[1]!, { date: today, hours: 2 })).status).toBe(201);
    expect((await record(cra.token, orders[1]!, { date: today, hours: 10.5 })).body.error).toMatchObject({ code: 'DAILY_HOURS_EXCEEDED', details: { remaining: 10 } });
  });
});
