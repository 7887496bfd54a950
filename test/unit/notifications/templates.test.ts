import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LoggingSms } from '../../../src/adapters/sms/logging-sms.js';
import type { DomainEvent, DomainEventType } from '../../../src/domain/events/domain-event.js';
import { audiencesFor, isNotifiable, maskPhone, wantsSms } from '../../../src/domain/notifications/notification.js';
import { formatChinaTime, hasTemplate, renderNotification, renderSms, type NotificationContext } from '../../../src/domain/notifications/templates.js';
import { buildWebhookMessage, escapeMarkdown, robotError } from '../../../src/domain/notifications/webhook-message.js';

const event = (type: DomainEventType, payload: Record<string, unknown> = {}, aggregateType: DomainEvent['aggregateType'] = type.startsWith('offer.') ? 'offer' : 'order'): DomainEvent => ({
  _id: 'evt_1',
  type,
  aggregateType,
  aggregateId: aggregateType === 'offer' ? 'off_1' : 'ord_1',
  payload: { orderId: 'ord_1', ...payload },
  actorId: 'usr_1',
  occurredAt: '2026-06-01T08:00:00.000Z',
  status: 'sent',
  publishedAt: null,
});

const ctx = (audience: NotificationContext['audience'], overrides: Partial<NotificationContext> = {}): NotificationContext => ({
  audience,
  order: { title: '反应釜焊缝渗漏', urgency: 'critical', enterpriseName: '都匀市测试机械有限公司', ratingComment: '响应快' },
  craftsmanName: '李建国',
  orgName: '黔南州总工会',
  ...overrides,
});

describe('notification templates (zh-CN)', () => {
  it('every audience an event is routed to has a template, and webhook events have a staff one', () => {
    const types: DomainEventType[] = ['order.submitted', 'order.approved', 'order.rejected', 'offer.made', 'offer.accepted', 'offer.declined', 'offer.expired', 'offer.withdrawn', 'order.claimed', 'order.resolved', 'order.confirmed', 'order.cancelled', 'order.reopened', 'order.escalated'];
    for (const type of types) {
      expect(isNotifiable(type)).toBe(true);
      for (const audience of audiencesFor(type)) expect(hasTemplate(type, audience), `${type} → ${audience}`).toBe(true);
    }
    expect(isNotifiable('craftsman.updated')).toBe(false);
  });

  it('when an urgent offer is made, then the craftsman reads the urgency, the enterprise and the deadline in China time', () => {
    const rendered = renderNotification(event('offer.made', { expiresAt: '2026-06-03T08:00:00.000Z' }), ctx('craftsman'));
    expect(rendered).toEqual({
      title: '【特急】新的派单：反应釜焊缝渗漏',
      body: '都匀市测试机械有限公司的需求单「反应釜焊缝渗漏」已派给您，请在 6月3日 16:00 前接单或婉拒。',
      link: '/orders/ord_1?offer=off_1',
    });
  });

  it('when an order is rejected, then the enterprise reads the reason', () => {
    expect(renderNotification(event('order.rejected', { reason: '描述不清' }), ctx('enterprise'))?.body).toContain('原因：描述不清');
  });

  it('when the enterprise confirms with a rating, then the craftsman is asked to rate in turn and does not read the rating before both are in', () => {
    const body = renderNotification(event('order.confirmed', { rating: 4 }), ctx('craftsman'))?.body ?? '';
    expect(body).not.toContain('★');
    expect(body).not.toContain('响应快');
    expect(body).toContain('评价企业的配合情况');
  });

  it('when an order escalates, then staff read which org took it over', () => {
    expect(renderNotification(event('order.escalated', { orgId: 'org_522700' }), ctx('staff'))?.body).toContain('已升级至黔南州总工会');
  });

  it('when an audience is not told about an event, then there is nothing to render', () => {
    expect(renderNotification(event('offer.declined'), ctx('enterprise'))).toBeNull();
  });

  it('SMS goes only to urgent offers, short and signed', () => {
    expect(wantsSms('offer.made', 'critical')).toBe(true);
    expect(wantsSms('offer.made', 'high')).toBe(true);
    expect(wantsSms('offer.made', 'normal')).toBe(false);
    expect(wantsSms('offer.accepted', 'critical')).toBe(false);
    const sms = renderSms(event('offer.made', { expiresAt: '2026-06-03T08:00:00.000Z' }), ctx('craftsman')) ?? '';
    expect(sms).toBe('【匠心】特急需求单「反应釜焊缝渗漏」已派给您，请于6月3日 16:00前登录匠心接单或婉拒。');
    expect(sms.length).toBeLessThanOrEqual(70);
  });

  it('China time has no daylight saving and crosses midnight', () => {
    expect(formatChinaTime('2026-12-31T16:30:00.000Z')).toBe('1月1日 00:30');
  });
});

describe('webhook message', () => {
  it('one markdown body both WeCom (content) and DingTalk (title + text) accept, with text people typed escaped', () => {
    const message = buildWebhookMessage({ title: '派单被婉拒：[点我](http://evil)', body: '原因：**急**', link: '/orders/ord_1', eventId: 'evt_1', eventType: 'offer.declined', orgId: 'org_522701', timestamp: 1780300800, publicBaseUrl: 'https://jx.example.cn/' });
    expect(message.msgtype).toBe('markdown');
    expect(message.markdown.content).toBe(message.markdown.text);
    expect(message.markdown.title).toBe('派单被婉拒：[点我](http://evil)');
    expect(message.markdown.content).toContain('\\[点我\\]\\(http://evil\\)');
    expect(message.markdown.content).toContain('[查看详情](https://jx.example.cn/orders/ord_1)');
    expect(message.jiangxin).toMatchObject({ eventId: 'evt_1', timestamp: 1780300800, link: 'https://jx.example.cn/orders/ord_1' });
    expect(escapeMarkdown('a\nb')).toBe('a b');
  });

  it('a robot answering 200 with a non-zero errcode is a failure', () => {
    expect(robotError('{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotError('{"errcode":93000,"errmsg":"invalid webhook url"}')).toContain('93000');
    expect(robotError('ok')).toBeNull();
  });
});

describe('logging SMS adapter', () => {
  it('when it sends, then it logs the masked phone and the text, never the full number', async () => {
    const lines: string[] = [];
    const logger = pino(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    await new LoggingSms(logger).send('13985400001', '【匠心】测试');
    const logged = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(logged).toMatchObject({ phone: '139****0001', text: '【匠心】测试' });
    expect(lines.join('')).not.toContain('13985400001');
    expect(maskPhone('123')).toBe('***');
  });
});
