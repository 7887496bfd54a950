import { describe, expect, it } from 'vitest';
import { formatOrderNumber, isOrderNumber, prefectureShortName } from '../../../src/domain/orders/order-number.js';
import { renderNotification, renderSms } from '../../../src/domain/notifications/templates.js';
import type { DomainEvent } from '../../../src/domain/events/domain-event.js';

describe('order numbers: short prefecture names and the format', () => {
  it.each([
    ['黔南布依族苗族自治州', '黔南'],
    ['黔东南苗族侗族自治州', '黔东南'],
    ['黔西南布依族苗族自治州', '黔西南'],
    ['湘西土家族苗族自治州', '湘西'],
    ['大理白族自治州', '大理'],
    ['海南藏族自治州', '海南'],
    ['海西蒙古族藏族自治州', '海西'],
    ['巴音郭楞蒙古自治州', '巴音郭楞'],
    ['克孜勒苏柯尔克孜自治州', '克孜勒苏'],
    ['伊犁哈萨克自治州', '伊犁'],
    ['贵阳市', '贵阳'],
    ['阿里地区', '阿里'],
    ['兴安盟', '兴安'],
  ])('when the official name is %s, then the short name is %s', (official, short) => {
    expect(prefectureShortName(official)).toBe(short);
  });

  it('when the sequence passes 9999, then it keeps growing instead of wrapping', () => {
    expect(formatOrderNumber('黔南', 2026, 42)).toBe('黔南-2026-0042');
    expect(formatOrderNumber('黔南', 2026, 10_000)).toBe('黔南-2026-10000');
    expect(isOrderNumber(' 黔南-2026-0042 ')).toBe(true);
    expect(isOrderNumber('ord_00mx5e')).toBe(false);
  });

  it('when a message is rendered for a numbered order, then the number closes the message and the SMS', () => {
    const event = { _id: 'evt_1', type: 'offer.made', aggregateType: 'offer', aggregateId: 'ofr_1', payload: { orderId: 'ord_1', expiresAt: '2026-06-03T08:00:00.000Z' }, actorId: 'system', occurredAt: '2026-06-01T08:00:00.000Z', status: 'pending', publishedAt: null } as unknown as DomainEvent;
    const order = { title: '反应釜焊缝渗漏', urgency: 'high' as const, enterpriseName: '福泉磷化', number: '黔南-2026-0042' };
    const message = renderNotification(event, { audience: 'craftsman', order, craftsmanName: '李建国' });
    expect(message?.body).toMatch(/需求单编号：黔南-2026-0042。$/);
    expect(renderSms(event, { audience: 'craftsman', order, craftsmanName: '李建国' })).toContain('黔南-2026-0042');
  });
});
