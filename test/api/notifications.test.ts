import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NodeHttpWebhook } from '../../src/adapters/webhook/node-http-webhook.js';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Delivery, Notification } from '../../src/domain/notifications/notification.js';
import type { SmsSender } from '../../src/ports/sms.js';
import type { ResolvedAddress, WebhookTransport } from '../../src/ports/webhook.js';
import type { notificationService} from '../../src/services/notification-service.js';
import { type NotificationOptions } from '../../src/services/notification-service.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { adminToken, buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

/** Records what would have gone out by SMS. */
class RecordingSms implements SmsSender {
  readonly sent: Array<{ phone: string; text: string }> = [];
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
}

/** The real node:http transport, except that chosen names resolve where a test says (a DNS rebinding). */
class RebindingTransport implements WebhookTransport {
  private readonly real = new NodeHttpWebhook();
  readonly names = new Map<string, ResolvedAddress[]>();
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    return this.names.get(hostname) ?? this.real.resolve(hostname);
  }
  post(...args: Parameters<WebhookTransport['post']>) {
    return this.real.post(...args);
  }
}

/** A receiver on 127.0.0.1 that records raw bodies and answers with the next planned status. */
class Receiver {
  readonly received: Array<{ body: string; headers: IncomingMessage['headers'] }> = [];
  readonly plan: number[] = [];
  private server: Server | null = null;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(this.plan.shift() ?? 200, { 'Content-Type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/robot/send?key=test`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const FAST: NotificationOptions = { webhook: { attempts: 3, backoffMs: 5 }, sms: { attempts: 2, backoffMs: 5 } };

describe('notifications: inbox, org webhooks, SMS, dead letter', () => {
  let t: TestEngine;
  let http: () => ReturnType<typeof request>;
  let notifications: ReturnType<typeof notificationService>;
  const sms = new RecordingSms();
  const transport = new RebindingTransport();
  const receiver = new Receiver();
  let admin: string;
  let duyunStaff: string;
  let qiannanStaff: string;
  let fuquanStaff: string;

  /** Relay pending events and let every notification queue run dry (retries in backoff are awaited by the tests). */
  const settle = async () => {
    await t.engine.relay.flush();
    for (const q of ['webhook', 'sms']) await t.engine.queue.onIdle(q);
  };
  const inbox = async (token: string, query = '') => (await http().get(`/api/notifications${query}`).set(bearer(token)).expect(200)).body as { items: Notification[]; total: number; unreadCount: number };
  const deliveries = () => t.engine.store.collection<Delivery>('deliveries');

  beforeAll(async () => {
    t = await startTestEngine({}, { sms, webhookTransport: transport, notifications: FAST, webhookTimeoutMs: 2_000 });
    notifications = t.engine.services.notifications;
    http = t.http;
    await receiver.start();
    [admin, duyunStaff, qiannanStaff, fuquanStaff] = await Promise.all([adminToken(t), staffToken(t, '522701'), staffToken(t, '522700'), staffToken(t, '522702')]);
  });
  afterAll(async () => {
    await t.engine.close();
    await receiver.close();
  });

  /** The prefecture's robot (an ancestor of every county here) would also receive the next orders: switch it off. */
  const quietPrefecture = () => http().put('/api/orgs/org_522700/webhook').set(bearer(admin)).send({ url: `${receiver.url}&org=qiannan`, enabled: false }).expect(200);

  /** An enterprise order submitted, approved and offered to a craftsman; events settled. */
  async function offeredOrder(urgency: 'normal' | 'critical' = 'normal') {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { phone: '13985400077' });
    const { body: order } = await http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ urgency })).expect(201);
    await http().post(`/api/orders/${order._id}/vet`).set(bearer(duyunStaff)).send({ approve: true }).expect(200);
    const { body: offer } = await http().post(`/api/orders/${order._id}/offers`).set(bearer(duyunStaff)).send({ craftsmanId: cra.craftsman._id }).expect(201);
    await settle();
    return { ent, cra, order, offer };
  }

  it('when an order goes through its life, then each person hears exactly what concerns them', async () => {
    const { ent, cra, order, offer } = await offeredOrder();
    const orderIdOnly = (items: Notification[]) => items.filter((n) => n.orderId === order._id).map((n) => n.eventType);

    expect(orderIdOnly((await inbox(duyunStaff)).items)).toContain('order.submitted');
    expect(orderIdOnly((await inbox(qiannanStaff)).items)).toContain('order.submitted');
    expect(orderIdOnly((await inbox(fuquanStaff)).items)).toEqual([]);
    expect(orderIdOnly((await inbox(ent.token)).items)).toEqual(['order.approved']);
    const craftsmanInbox = await inbox(cra.token);
    expect(orderIdOnly(craftsmanInbox.items)).toEqual(['offer.made']);
    expect(craftsmanInbox.items[0]).toMatchObject({ title: '新的派单：反应釜焊缝渗漏', link: `/orders/${order._id}?offer=${offer._id}`, readAt: null });

    await http().post(`/api/offers/${offer._id}/accept`).set(bearer(cra.token)).expect(200);
    await http().post(`/api/orders/${order._id}/resolve`).set(bearer(cra.token)).send({ summary: '焊缝返修完成' }).expect(200);
    await http().post(`/api/orders/${order._id}/confirm`).set(bearer(ent.token)).send({ rating: 5, comment: '很专业' }).expect(200);
    await settle();

    const entInbox = await inbox(ent.token);
    expect(orderIdOnly(entInbox.items)).toEqual(['order.resolved', 'offer.accepted', 'order.approved']);
    expect(entInbox.items[1]?.body).toContain(`劳模工匠${cra.craftsman.name}已接下您的需求单`);
    const confirmed = (await inbox(cra.token)).items.find((n) => n.eventType === 'order.confirmed');
    // 双向评价: the enterprise's mark stays hidden from the craftsman until it has rated too.
    expect(confirmed?.body).not.toContain('很专业');
    expect(confirmed?.body).toContain('评价企业的配合情况');
    expect(sms.sent.filter((s) => s.phone === '13985400077')).toEqual([]);
  });

  it('when the same event is handled twice, then every person still has one inbox row for it', async () => {
    const { cra } = await offeredOrder();
    const [row] = (await inbox(cra.token)).items;
    const event = await t.engine.store.collection<DomainEvent>('outbox').findById(row?.eventId ?? '');
    expect(event).not.toBeNull();
    await notifications.handleEvent(event as DomainEvent);
    await Promise.all([notifications.handleEvent(event as DomainEvent), notifications.handleEvent(event as DomainEvent)]);
    expect(await t.engine.store.collection('notifications').count({ eventId: event?._id })).toBe(1);
  });

  it('when someone reads their inbox, then unread counts move and another person’s message is not found', async () => {
    const { ent, cra } = await offeredOrder();
    const before = await inbox(cra.token, '?unread=true&limit=1');
    expect(before.unreadCount).toBeGreaterThanOrEqual(1);
    expect(before.items).toHaveLength(1);
    const mine = before.items[0] as Notification;
    const theirs = (await inbox(ent.token)).items[0] as Notification;

    const stranger = await http().post(`/api/notifications/${theirs._id}/read`).set(bearer(cra.token));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOTIFICATION_NOT_FOUND');

    const read = await http().post(`/api/notifications/${mine._id}/read`).set(bearer(cra.token)).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    await http().post(`/api/notifications/${mine._id}/read`).set(bearer(cra.token)).expect(200);
    expect((await http().get('/api/notifications/unread-count').set(bearer(cra.token)).expect(200)).body.unreadCount).toBe(before.unreadCount - 1);

    const all = await http().post('/api/notifications/read-all').set(bearer(ent.token)).expect(200);
    expect(all.body.unreadCount).toBe(0);
    expect((await inbox(ent.token, '?unread=true')).items).toEqual([]);
    expect((await inbox(ent.token)).unreadCount).toBe(0);
    expect((await http().get('/api/notifications?limit=1000').set(bearer(ent.token))).status).toBe(400);
  });

  it('when staff configure a loopback webhook, then it is refused; an admin may allow it, and the secret is never returned', async () => {
    const refused = await http().put('/api/orgs/org_522702/webhook').set(bearer(fuquanStaff)).send({ url: receiver.url, secret: 'secret-secret-1234', enabled: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', details: { reason: 'address', addressKind: 'loopback' } });
    const notAdmin = await http().put('/api/orgs/org_522702/webhook').set(bearer(fuquanStaff)).send({ url: receiver.url, secret: 'secret-secret-1234', enabled: true, allowPrivate: true });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.code).toBe('WEBHOOK_PRIVATE_ADMIN_ONLY');
    expect((await http().put('/api/orgs/org_522701/webhook').set(bearer(fuquanStaff)).send({ url: 'https://example.com/', secret: 'secret-secret-1234', enabled: true })).status).toBe(404);
    for (const url of ['ftp://example.com/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/']) {
      expect((await http().put('/api/orgs/org_522702/webhook').set(bearer(admin)).send({ url, secret: 'secret-secret-1234', enabled: true })).body.error?.code, url).toBe('WEBHOOK_URL_REFUSED');
    }

    const set = await http().put('/api/orgs/org_522702/webhook').set(bearer(admin)).send({ url: receiver.url, secret: 'secret-secret-1234', enabled: false, allowPrivate: true }).expect(200);
    expect(set.body).toMatchObject({ orgId: 'org_522702', url: receiver.url, enabled: false, allowPrivate: true, hasSecret: true });
    // Staff keep the admin's allowance while the URL stays the same (and may leave the secret out).
    const kept = await http().put('/api/orgs/org_522702/webhook').set(bearer(fuquanStaff)).send({ url: receiver.url, enabled: false }).expect(200);
    expect(kept.body).toMatchObject({ allowPrivate: true, hasSecret: true });
    const got = await http().get('/api/orgs/org_522702/webhook').set(bearer(fuquanStaff)).expect(200);
    expect(JSON.stringify(got.body)).not.toContain('secret-secret-1234');
    expect(got.body).not.toHaveProperty('secret');
  });

  it('when an order is submitted in a county with a webhook, then the county and prefecture robots get one signed markdown message each', async () => {
    await http().put('/api/orgs/org_522701/webhook').set(bearer(admin)).send({ url: `${receiver.url}&org=duyun`, secret: 'duyun-secret-0001', enabled: true, allowPrivate: true }).expect(200);
    await http().put('/api/orgs/org_522700/webhook').set(bearer(admin)).send({ url: `${receiver.url}&org=qiannan`, secret: 'qiannan-secret-01', enabled: true, allowPrivate: true }).expect(200);
    receiver.received.length = 0;
    const ent = await enterpriseWithToken(t);
    const { body: order } = await http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '空压机异响' })).expect(201);
    await settle();

    const forOrder = receiver.received.filter((r) => r.body.includes('空压机异响'));
    expect(forOrder).toHaveLength(2);
    for (const { body, headers } of forOrder) {
      const parsed = JSON.parse(body) as { msgtype: string; markdown: { title: string; content: string; text: string }; jiangxin: { orgId: string; eventType: string; timestamp: number } };
      const secret = parsed.jiangxin.orgId === 'org_522701' ? 'duyun-secret-0001' : 'qiannan-secret-01';
      expect(headers['x-jiangxin-signature']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      expect(headers['x-jiangxin-timestamp']).toBe(String(parsed.jiangxin.timestamp));
      expect(headers['x-jiangxin-event']).toBe('order.submitted');
      expect(parsed).toMatchObject({ msgtype: 'markdown', markdown: { title: '新需求单待审核：空压机异响' } });
      expect(parsed.markdown.content).toContain(`/orders/${order._id}`);
      expect(parsed.markdown.content).toContain(`需求单编号：${order.number as string}`);
    }
    const sent = await deliveries().find({ eventType: 'order.submitted', orgId: { $in: ['org_522701', 'org_522700'] }, status: 'sent', title: '新需求单待审核：空压机异响' });
    expect(sent).toHaveLength(2);
  });

  it('when a robot keeps failing, then the delivery is retried, lands in the dead letter, and an admin retry sends it', async () => {
    await quietPrefecture();
    await http().put('/api/orgs/org_522702/webhook').set(bearer(admin)).send({ url: receiver.url, enabled: true }).expect(200);
    receiver.plan.push(500, 502, 503);
    const ent = await enterpriseWithToken(t, { regionCode: '522702' });
    await http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '福泉磷矿皮带跑偏' })).expect(201);
    await settle();
    const id = (await deliveries().findOne({ orgId: 'org_522702', title: '新需求单待审核：福泉磷矿皮带跑偏' }))?._id ?? '';
    await vi.waitFor(async () => expect(await deliveries().findById(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('HTTP 503') }), { timeout: 3_000 });

    const dead = await http().get('/api/admin/deliveries?status=failed').set(bearer(admin)).expect(200);
    expect(dead.body.items.map((d: Delivery) => d._id)).toContain(id);
    expect((await http().get('/api/admin/deliveries?status=failed').set(bearer(fuquanStaff))).status).toBe(403);
    expect((await http().post(`/api/admin/deliveries/${encodeURIComponent(id)}/retry`).set(bearer(fuquanStaff))).status).toBe(403);

    const retried = await http().post(`/api/admin/deliveries/${encodeURIComponent(id)}/retry`).set(bearer(admin)).expect(200);
    expect(retried.body.status).toBe('pending');
    await vi.waitFor(async () => expect(await deliveries().findById(id)).toMatchObject({ status: 'sent', attempts: 4 }), { timeout: 3_000 });
    const again = await http().post(`/api/admin/deliveries/${encodeURIComponent(id)}/retry`).set(bearer(admin));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DELIVERY_NOT_FAILED');
    expect((await http().post('/api/admin/deliveries/nope/retry').set(bearer(admin))).status).toBe(404);
  });

  it('when a public hook name resolves to loopback at send time (DNS rebinding), then nothing is sent and the delivery fails at once', async () => {
    await quietPrefecture();
    transport.names.set('robot.rebind.example', [{ address: '127.0.0.1', family: 4 }]);
    await http().put('/api/orgs/org_522722/webhook').set(bearer(admin)).send({ url: `http://robot.rebind.example:${new URL(receiver.url).port}/`, secret: 'rebind-secret-0001', enabled: true }).expect(200);
    receiver.received.length = 0;
    const ent = await enterpriseWithToken(t, { regionCode: '522722' });
    await http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '荔波景区索道检修' })).expect(201);
    await settle();
    const delivery = await deliveries().findOne({ orgId: 'org_522722', title: '新需求单待审核：荔波景区索道检修' });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('WEBHOOK_URL_REFUSED') });
    expect(receiver.received).toEqual([]);
  });

  it('when a critical order is offered, then the craftsman also gets one SMS, however often the event is handled', async () => {
    const { cra, order } = await offeredOrder('critical');
    const texts = sms.sent.filter((s) => s.phone === '13985400077' && s.text.includes('特急'));
    expect(texts).toHaveLength(1);
    expect(texts[0]?.text).toMatch(/^【匠心】特急需求单黔南-2026-\d{4}「反应釜焊缝渗漏」已派给您/);
    const event = await t.engine.store.collection<DomainEvent>('outbox').findOne({ type: 'offer.made', 'payload.orderId': order._id });
    await notifications.handleEvent(event as DomainEvent);
    await settle();
    expect(sms.sent.filter((s) => s.phone === '13985400077' && s.text.includes('特急'))).toHaveLength(1);
    expect(await deliveries().findOne({ channel: 'sms', craftsmanId: cra.craftsman._id })).toMatchObject({ status: 'sent' });
  });

  it('when an admin opens the queue board on the inline queue, then it lists counts and failed jobs; others are kept out', async () => {
    const listing = await http().get('/admin/queues').set(bearer(admin)).expect(200);
    expect(listing.body.adapter).toBe('inline');
    const names = listing.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(['webhook', 'sms', 'offer-expiry']));
    expect(listing.body.queues[names.indexOf('webhook')].counts).toMatchObject({ failed: expect.any(Number), completed: expect.any(Number) });
    expect((await http().get('/admin/queues').set(bearer(duyunStaff))).status).toBe(403);
    expect((await http().get('/admin/queues')).status).toBe(401);

    const viaLink = await http().get(`/admin/queues?token=${admin}`).expect(303);
    expect(viaLink.headers.location).toBe('/admin/queues');
    const cookie = String(viaLink.headers['set-cookie']);
    expect(cookie).toMatch(/jx_queue_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900/);
    await http().get('/admin/queues').set('Cookie', cookie.split(';')[0] ?? '').expect(200);
  });
});
