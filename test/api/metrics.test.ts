import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRequest as request } from '../helpers/openapi-check.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import { serveMetrics } from '../../src/http/metrics-server.js';
import type { SmsSender } from '../../src/ports/sms.js';
import { bearer, fastHasher, settle, type TestEngine } from '../helpers/engine.js';
import { adminToken, buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** The value of one sample line (`name{labels} value`) in a Prometheus text scrape; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (wanted.every((w) => labelPart.split(',').includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

class CountingSms implements SmsSender {
  sent = 0;
  async send(): Promise<void> {
    this.sent += 1;
  }
}

describe('metrics', () => {
  let t: TestEngine;
  const sms = new CountingSms();
  const scrape = async () => (await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;

  beforeAll(async () => {
    const clock = new ManualClock();
    // Workers start later in the flow test, so the outbox is seen holding events before they are relayed.
    const engine = await buildEngine(testConfig({ metricsToken: METRICS_TOKEN, outboxLagDegradedSeconds: 60 }), { inMemory: true, clock, hasher: fastHasher(), sms });
    t = { engine, clock, http: () => request(engine.app) };
  });
  afterAll(async () => {
    await t.engine.close();
  });

  it('when /metrics is asked without a token, with a non-admin login or a wrong token, then it is refused; METRICS_TOKEN or an admin login reads it', async () => {
    expect((await t.http().get('/metrics')).status).toBe(401);
    expect((await t.http().get('/metrics').set(bearer('not-a-token'))).body.error.code).toBe('TOKEN_INVALID');
    const staff = await staffToken(t, '522701');
    expect((await t.http().get('/metrics').set(bearer(staff))).status).toBe(403);
    const byToken = await t.http().get('/metrics').set(bearer(METRICS_TOKEN));
    expect(byToken.status).toBe(200);
    expect(byToken.headers['content-type']).toMatch(/^text\/plain/);
    expect(byToken.text).toContain('process_cpu_seconds_total');
    expect(byToken.text).toContain('nodejs_heap_size_used_bytes');
    expect((await t.http().get('/metrics').set(bearer(await adminToken(t)))).status).toBe(200);
  });

  it('when a flow runs, then request, outbox, readiness, consumer and notification figures move', async () => {
    const before = await scrape();
    const postedBefore = sample(before, 'jiangxin_http_request_duration_seconds_count', { method: 'POST', route: '/api/orders', status: '201' });
    const inboxBefore = sample(before, 'jiangxin_notifications_total', { channel: 'inbox', outcome: 'sent' });
    const smsBefore = sample(before, 'jiangxin_notifications_total', { channel: 'sms', outcome: 'sent' });

    const staff = await staffToken(t, '522701');
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { phone: '13985400088' });
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ urgency: 'critical' })).expect(201);
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(staff)).send({ approve: true }).expect(200);
    await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id }).expect(201);
    await t.http().get(`/api/orders/${order._id}`).set(bearer(staff)).expect(200);
    t.clock.advance(90_000);

    const waiting = await scrape();
    expect(sample(waiting, 'jiangxin_http_request_duration_seconds_count', { method: 'POST', route: '/api/orders', status: '201' })).toBe(postedBefore + 1);
    // One label per route pattern, never per id.
    expect(sample(waiting, 'jiangxin_http_request_duration_seconds_count', { method: 'GET', route: '/api/orders/:id', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(waiting).not.toContain(order._id);
    expect(sample(waiting, 'jiangxin_outbox_pending_events')).toBeGreaterThanOrEqual(3);
    expect(sample(waiting, 'jiangxin_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(90);
    const degraded = await t.http().get('/readyz');
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.ports.outbox).toMatchObject({ ok: true, state: 'degraded' });
    expect(degraded.body.ports.outbox.lagSeconds).toBeGreaterThanOrEqual(90);

    await t.engine.startWorkers();
    await settle(t);
    for (const q of ['sms', 'webhook']) await t.engine.queue.onIdle(q);

    const after = await scrape();
    expect(sample(after, 'jiangxin_outbox_pending_events')).toBe(0);
    expect(sample(after, 'jiangxin_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(sample(after, 'jiangxin_consumer_lag_events', { consumer: 'notify' })).toBe(0);
    expect(after).toMatch(/jiangxin_queue_jobs\{queue="webhook",state="failed"\} 0/);
    expect(sample(after, 'jiangxin_notifications_total', { channel: 'inbox', outcome: 'sent' })).toBeGreaterThanOrEqual(inboxBefore + 3);
    expect(sample(after, 'jiangxin_notifications_total', { channel: 'sms', outcome: 'sent' })).toBe(smsBefore + 1);
    expect(sms.sent).toBe(1);
    expect((await t.http().get('/readyz')).body.status).toBe('ready');
  });

  it('when METRICS_PORT serves the same registry, then it answers without a token and nothing else there', async () => {
    const server: Server = await serveMetrics({ registry: t.engine.metrics.registry, port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('jiangxin_outbox_pending_events');
      expect((await fetch(`${url}/api/orders`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe('metrics of the embedded store on disk', () => {
  it('when data is written, then the journal size is reported, and it is back to 0 once closing folds it into the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-metrics-'));
    try {
      const engine = await buildEngine(testConfig({ dataDir: dir, metricsToken: METRICS_TOKEN }), { hasher: fastHasher() });
      const text = (await request(engine.app).get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
      expect(sample(text, 'jiangxin_store_journal_bytes')).toBeGreaterThan(0);
      expect(engine.store.stats?.().journalBytes).toBeGreaterThan(0);
      await engine.close();
      expect(engine.store.stats?.()).toMatchObject({ journalBytes: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
