import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Notification } from '../../src/domain/notifications/notification.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { beijingToday, orderInProgress } from '../security/helpers.js';

describe('notifications of profile-change proposals and service-record disputes', () => {
  let t: TestEngine;
  let dyStaff: string;
  let fqStaff: string;
  let qnStaff: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [dyStaff, fqStaff, qnStaff] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702'), staffToken(t, '522700')]);
  });
  afterAll(() => t.engine.close());

  const inbox = async (token: string) => (await t.http().get('/api/notifications?limit=100').set(bearer(token)).expect(200)).body.items as Notification[];
  const about = async (token: string, type: string, text: string) => (await inbox(token)).filter((n) => n.eventType === type && `${n.title}${n.body}`.includes(text));
  /** The outbox event of this type about `aggregateId`, once the notification consumer has acknowledged it. */
  const eventOf = async (type: string, aggregateId: string) => t.engine.store.collection<DomainEvent>('outbox').findOne({ type, aggregateId });

  it('when a craftsman proposes a change of protected fields, then its county and prefecture staff are told with the fields, and staff elsewhere and the craftsman are not', async () => {
    const cra = await craftsmanWithToken(t);
    const res = await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ capacity: 7, studio: '新工作室' }).expect(200);
    await settle(t);
    for (const staff of [dyStaff, qnStaff]) {
      const rows = await about(staff, 'profile_change.proposed', cra.craftsman.name);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ title: `资料变更待审核：${cra.craftsman.name}`, link: `/profile-changes?id=${res.body.pendingChange._id}`, orderId: null });
      expect(rows[0]!.body).toMatch(/申请变更(同时承接上限、创新工作室|创新工作室、同时承接上限)，/);
    }
    expect(await about(fqStaff, 'profile_change.proposed', cra.craftsman.name)).toHaveLength(0);
    expect((await inbox(cra.token)).filter((n) => n.eventType.startsWith('profile_change.'))).toHaveLength(0);
    // Through the outbox like every other message: the event was recorded and the notify consumer acknowledged it.
    expect((await eventOf('profile_change.proposed', cra.craftsman._id))?.acks).toContain('notify');
  });

  it('when staff approve or reject a proposal, then the craftsman is told the outcome, with the reason of a rejection', async () => {
    const cra = await craftsmanWithToken(t);
    const first = (await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ capacity: 5 })).body.pendingChange;
    await t.http().post(`/api/profile-changes/${first._id}/decision`).set(bearer(dyStaff)).send({ approve: true }).expect(200);
    await settle(t);
    const approved = await about(cra.token, 'profile_change.decided', '已通过');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.body).toBe('您申请的资料变更（同时承接上限）已通过工会审核并生效。');

    const second = (await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ honors: [] })).body.pendingChange;
    await t.http().post(`/api/profile-changes/${second._id}/decision`).set(bearer(qnStaff)).send({ approve: false, reason: '荣誉需提供证书' }).expect(200);
    await settle(t);
    const rejected = await about(cra.token, 'profile_change.decided', '未通过');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.body).toContain('原因：荣誉需提供证书');
    // Nobody else hears of the decision.
    expect(await about(dyStaff, 'profile_change.decided', '')).toHaveLength(0);
  });

  it('when an approval fails its checks, then no decision is announced and the proposal stays pending', async () => {
    const cra = await craftsmanWithToken(t);
    const change = (await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ regionCode: '522702' })).body.pendingChange;
    expect((await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: true })).status).toBe(403);
    await settle(t);
    expect(await about(cra.token, 'profile_change.decided', '')).toHaveLength(0);
    expect(await eventOf('profile_change.decided', cra.craftsman._id)).toBeNull();
  });

  it('when an enterprise proposes a new name and staff decide, then staff in reach and then the enterprise are told', async () => {
    const ent = await enterpriseWithToken(t);
    const change = (await t.http().patch(`/api/enterprises/${ent.enterprise._id}`).set(bearer(ent.token)).send({ name: `${ent.enterprise.name}（新）` })).body.pendingChange;
    await settle(t);
    expect((await about(dyStaff, 'profile_change.proposed', ent.enterprise.name))[0]?.body).toContain(`企业${ent.enterprise.name}申请变更名称`);
    await t.http().post(`/api/profile-changes/${change._id}/decision`).set(bearer(dyStaff)).send({ approve: false, reason: '请提交营业执照' }).expect(200);
    await settle(t);
    expect((await about(ent.token, 'profile_change.decided', '请提交营业执照'))[0]?.title).toBe('资料变更未通过');
  });

  it('when an enterprise disputes a record, then the craftsman and the staff are told; when staff decide, both parties hear the outcome', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const orderId = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id }, { title: '异议通知测试需求' });
    const recordId = (await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', hours: 3, summary: '现场调试', date: beijingToday(t) }).expect(201)).body._id as string;
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(ent.token)).send({ reason: '当天未到现场' }).expect(200);
    await settle(t);
    const toCraftsman = await about(cra.token, 'service.disputed', '异议通知测试需求');
    expect(toCraftsman).toHaveLength(1);
    expect(toCraftsman[0]).toMatchObject({ title: '服务记录被提出异议：异议通知测试需求', link: `/orders/${orderId}`, orderId });
    expect(toCraftsman[0]!.body).toContain('3 小时的服务记录提出异议，原因：当天未到现场');
    expect(await about(dyStaff, 'service.disputed', '异议通知测试需求')).toHaveLength(1);
    expect(await about(fqStaff, 'service.disputed', '异议通知测试需求')).toHaveLength(0);
    expect(await about(ent.token, 'service.disputed', '')).toHaveLength(0);

    await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(dyStaff)).send({ uphold: true, reason: '核实未到场' }).expect(200);
    await settle(t);
    for (const token of [cra.token, ent.token]) {
      const rows = await about(token, 'service.dispute_decided', '异议通知测试需求');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.title).toBe('服务记录异议成立：异议通知测试需求');
      expect(rows[0]!.body).toContain('不计入人次、时长和积分，原因：核实未到场');
    }
    expect((await eventOf('service.dispute_decided', orderId))?.acks).toContain('notify');
  });

  it('when disputes are listed, then staff see those in reach, each party its own, with the outcome', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const orderId = await orderInProgress(t, { ent: ent.token, staff: dyStaff, cra: cra.token, craftsmanId: cra.craftsman._id }, { title: '异议列表测试需求' });
    const recordId = (await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', hours: 2, summary: '现场调试', date: beijingToday(t) }).expect(201)).body._id as string;
    await t.http().post(`/api/orders/${orderId}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' }).expect(200);
    await t.http().post(`/api/service-records/${recordId}/dispute`).set(bearer(ent.token)).send({ reason: '时长不符' }).expect(200);
    const ids = async (token: string, query = '') => ((await t.http().get(`/api/service-records/disputes${query}`).set(bearer(token)).expect(200)).body.items as { _id: string }[]).map((r) => r._id);
    expect(await ids(dyStaff, '?status=open')).toContain(recordId);
    expect(await ids(fqStaff)).not.toContain(recordId);
    expect(await ids(ent.token)).toEqual([recordId]);
    expect(await ids(cra.token)).toEqual([recordId]);
    const other = await enterpriseWithToken(t);
    expect(await ids(other.token)).toEqual([]);
    await t.http().post(`/api/service-records/${recordId}/dispute-decision`).set(bearer(dyStaff)).send({ uphold: false, reason: '有签到记录' }).expect(200);
    expect(await ids(dyStaff, '?status=open')).not.toContain(recordId);
    const seen = (await t.http().get('/api/service-records/disputes?status=dismissed').set(bearer(ent.token)).expect(200)).body.items[0];
    expect(seen).toMatchObject({ _id: recordId, orderTitle: '异议列表测试需求', craftsmanName: cra.craftsman.name, dispute: { status: 'dismissed', decisionReason: '有签到记录' } });
    expect((await t.http().get('/api/service-records/disputes?status=closed').set(bearer(ent.token))).status).toBe(400);
  });
});
