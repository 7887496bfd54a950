import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import { bearer, settle, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { adminToken, buildOrder, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { SwitchableStore } from '../helpers/switchable-store.js';

describe('events set aside by a consumer', () => {
  let t: TestEngine;
  let store: SwitchableStore;
  beforeAll(async () => {
    t = await startTestEngine({}, { wrapStore: (inner) => (store = new SwitchableStore(inner)) });
  });
  afterAll(() => t.engine.close());

  it('when the inbox cannot be written past the last try, then the admin sees the event set aside, retries it, and the notification lands once', async () => {
    const admin = await adminToken(t);
    const staff = await t.engine.services.accounts.authenticate(await staffToken(t, '522701'));
    const { token: enterpriseToken } = await enterpriseWithToken(t);
    await settle(t);

    // Notifications (the staff inbox) fail; every other consumer keeps going.
    store.failing.add('notifications');
    const submitted = await t.http().post('/api/orders').set(bearer(enterpriseToken)).send(buildOrder({ title: '锅炉焊缝渗漏检测' })).expect(201);
    await settle(t);
    const outbox = t.engine.store.collection<DomainEvent>('outbox');
    const event = await outbox.findOne({ type: 'order.submitted', aggregateId: submitted.body._id });
    expect(event).toMatchObject({ status: 'sent', setAside: ['notify'] });
    expect(event!.acks).toEqual(expect.arrayContaining(['notify', 'stats']));

    const listed = await t.http().get('/api/admin/events/set-aside').query({ consumer: 'notify' }).set(bearer(admin)).expect(200);
    const row = listed.body.items.find((e: { _id: string }) => e._id === event!._id);
    expect(row).toMatchObject({ type: 'order.submitted', aggregateId: submitted.body._id, setAside: [{ consumer: 'notify', tries: expect.any(Number), reason: expect.stringContaining('测试中已关闭') }] });
    expect(row.setAside[0].tries).toBeGreaterThan(1);
    expect((await t.http().get('/api/admin/events/set-aside').query({ consumer: 'stats' }).set(bearer(admin)).expect(200)).body.items).toEqual([]);

    // Only admins see or retry them; a wrong consumer name or id is refused with a stable code.
    const staffBearer = bearer(await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' }));
    expect((await t.http().get('/api/admin/events/set-aside').set(staffBearer).expect(403)).body.error.code).toBeTruthy();
    expect((await t.http().post(`/api/admin/events/${event!._id}/retry`).set(bearer(admin)).send({ consumer: 'stats' }).expect(409)).body.error.code).toBe('EVENT_NOT_SET_ASIDE');
    expect((await t.http().post('/api/admin/events/evt_missing/retry').set(bearer(admin)).send({}).expect(404)).body.error.code).toBe('EVENT_NOT_FOUND');
    expect((await t.http().post(`/api/admin/events/${event!._id}/retry`).set(bearer(admin)).send({ consumer: 'Notify!' }).expect(400)).body.error.code).toBeTruthy();

    const inbox = t.engine.store.collection('notifications');
    store.failing.delete('notifications');
    expect(await inbox.count({ eventId: event!._id, userId: staff.userId })).toBe(0);
    const retried = await t.http().post(`/api/admin/events/${event!._id}/retry`).set(bearer(admin)).send({}).expect(200);
    expect(retried.body).toMatchObject({ _id: event!._id, setAside: [{ consumer: 'notify' }] });
    await settle(t);

    expect(await inbox.count({ eventId: event!._id, userId: staff.userId })).toBe(1);
    const after = await outbox.findById(event!._id);
    expect(after).toMatchObject({ status: 'sent', setAside: [] });
    expect(after!.failures ?? {}).toEqual({});
    expect((await t.http().get('/api/admin/events/set-aside').set(bearer(admin)).expect(200)).body.items.map((e: { _id: string }) => e._id)).not.toContain(event!._id);
    // A second retry finds nothing to hand back, and nothing lands twice.
    await t.http().post(`/api/admin/events/${event!._id}/retry`).set(bearer(admin)).send({}).expect(409);
    await settle(t);
    expect(await inbox.count({ eventId: event!._id, userId: staff.userId })).toBe(1);
  });
});
