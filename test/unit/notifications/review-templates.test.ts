import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventType } from '../../../src/domain/events/domain-event.js';
import { audiencesFor, goesToWebhooks } from '../../../src/domain/notifications/notification.js';
import { renderNotification, type NotificationContext } from '../../../src/domain/notifications/templates.js';

const event = (type: DomainEventType, aggregateType: DomainEvent['aggregateType'], payload: Record<string, unknown>): DomainEvent => ({
  _id: 'evt_1',
  type,
  aggregateType,
  aggregateId: aggregateType === 'order' ? 'ord_1' : 'cra_1',
  payload,
  actorId: 'usr_1',
  occurredAt: '2026-06-01T08:00:00.000Z',
  status: 'sent',
  publishedAt: null,
});
const order = { title: '反应釜焊缝渗漏', urgency: 'normal' as const, enterpriseName: '都匀市测试机械有限公司' };
const ctx = (audience: NotificationContext['audience'], withOrder = true): NotificationContext => ({ audience, order: withOrder ? order : null, craftsmanName: '李建国' });

describe('messages about proposals and disputes (zh-CN)', () => {
  it('when a record is disputed, then the craftsman reads the day, hours and reason and that it does not count meanwhile; staff are asked to check it', () => {
    const e = event('service.disputed', 'order', { reason: '当天未到现场', day: '2026-06-03', hours: 2.5 });
    expect(audiencesFor(e.type)).toEqual(['craftsman', 'staff']);
    expect(goesToWebhooks(e.type)).toBe(false);
    expect(renderNotification(e, ctx('craftsman'))).toEqual({
      title: '服务记录被提出异议：反应釜焊缝渗漏',
      body: '都匀市测试机械有限公司对需求单「反应釜焊缝渗漏」中6月3日 2.5 小时的服务记录提出异议，原因：当天未到现场。工会核实前，该记录暂不计入人次和积分。',
      link: '/orders/ord_1',
    });
    expect(renderNotification(e, ctx('staff'))?.body).toBe('都匀市测试机械有限公司对劳模工匠李建国在需求单「反应釜焊缝渗漏」中6月3日 2.5 小时的服务记录提出异议，原因：当天未到现场，请核实处理。');
    expect(renderNotification(e, ctx('enterprise'))).toBeNull();
  });

  it('when a dispute is decided, then both parties read whether the record counts, with staff’s reason', () => {
    const upheld = event('service.dispute_decided', 'order', { outcome: 'upheld', reason: '核实未到场', day: '2026-06-03', hours: 2 });
    expect(renderNotification(upheld, ctx('enterprise'))?.title).toBe('服务记录异议成立：反应釜焊缝渗漏');
    expect(renderNotification(upheld, ctx('craftsman'))?.body).toContain('异议成立，该记录不计入人次、时长和积分，原因：核实未到场');
    const dismissed = event('service.dispute_decided', 'order', { outcome: 'dismissed', reason: '有签到记录' });
    expect(renderNotification(dismissed, ctx('enterprise'))).toMatchObject({ title: '服务记录异议未成立：反应釜焊缝渗漏' });
    expect(renderNotification(dismissed, ctx('enterprise'))?.body).toContain('您对需求单「反应釜焊缝渗漏」中的服务记录提出的异议：异议未成立，该记录照常计入，原因：有签到记录');
  });

  it('when a proposal is made or decided, then staff read who asks for which fields and the subject reads the outcome, linked to the review page', () => {
    const proposed = event('profile_change.proposed', 'craftsman', { changeId: 'pch_1', subjectType: 'craftsman', subjectName: '李建国', fields: ['regionCode', 'capacity'] });
    expect(renderNotification(proposed, ctx('staff', false))).toEqual({
      title: '资料变更待审核：李建国',
      body: '劳模工匠李建国申请变更所在地区、同时承接上限，请核对变更前后的内容后审核。',
      link: '/profile-changes?id=pch_1',
    });
    const rejected = event('profile_change.decided', 'enterprise', { changeId: 'pch_2', subjectType: 'enterprise', fields: ['name'], approved: false, reason: '请提交营业执照' });
    expect(renderNotification(rejected, ctx('enterprise', false))).toEqual({ title: '资料变更未通过', body: '您申请的资料变更（名称）未通过工会审核，原因：请提交营业执照。', link: '/profile-changes?id=pch_2' });
    const approved = event('profile_change.decided', 'craftsman', { changeId: 'pch_3', fields: ['studio'], approved: true });
    expect(renderNotification(approved, ctx('craftsman', false))?.body).toBe('您申请的资料变更（创新工作室）已通过工会审核并生效。');
  });
});
