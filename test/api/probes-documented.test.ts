import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedRequest } from '../helpers/openapi-check.js';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { SwitchableStore } from '../helpers/switchable-store.js';

/** The probes and /metrics are in the OpenAPI document, and every answer below is checked against it by t.http(). */
describe('operations probes in the OpenAPI document', () => {
  let t: TestEngine;
  let store: SwitchableStore;
  const METRICS_TOKEN = 'probe-metrics-token-0123456789';
  beforeAll(async () => {
    t = await startTestEngine({ metricsToken: METRICS_TOKEN }, { wrapStore: (inner) => (store = new SwitchableStore(inner)) });
  });
  afterAll(async () => {
    store.down = false;
    await t.engine.close();
  });

  it('documents /healthz, /readyz and /metrics with their answers: JSON schemas for the probes, text/plain for the metrics, and the refusals', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    const health = body.paths['/healthz'].get;
    expect(health.responses['200'].content['application/json'].schema.properties.status).toMatchObject({ const: 'ok' });
    const ready = body.paths['/readyz'].get;
    expect(Object.keys(ready.responses).sort()).toEqual(['200', '503']);
    expect(ready.responses['200'].content['application/json'].schema.properties.ports.additionalProperties.properties).toHaveProperty('lagSeconds');
    const metrics = body.paths['/metrics'].get;
    expect(Object.keys(metrics.responses['200'].content)).toEqual(['text/plain']);
    expect(metrics.responses['401'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['TOKEN_MISSING', 'TOKEN_INVALID']);
    expect(metrics.responses['403'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['ACTION_NOT_ALLOWED']);
    expect(metrics.security).toEqual([{ bearer: [] }]);
  });

  it('when the probes and /metrics answer, then each answer matches its documented status and body', async () => {
    expect((await t.http().get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const scraped = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('process_cpu_seconds_total');
    expect((await t.http().get('/metrics')).status).toBe(401);
  });

  it('when the store is down, then /readyz answers 503 unavailable with the documented body', async () => {
    store.down = true;
    try {
      const res = await t.http().get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', ports: { store: { adapter: 'embedded', ok: false } } });
    } finally {
      store.down = false;
    }
  });

  it('when a probe answers a status or body its document does not list, then the check fails the call', async () => {
    const express = (await import('express')).default;
    const app = express();
    app.locals.openapi = (t.engine.app.locals as { openapi: unknown }).openapi;
    app.get('/healthz', (_req, res) => void res.json({ status: 'fine' }));
    app.get('/readyz', (_req, res) => void res.status(500).json({ error: { code: 'INTERNAL', message: 'x' } }));
    await expect(checkedRequest(app).get('/healthz')).rejects.toThrow(/GET \/healthz 200 body does not match/);
    await expect(checkedRequest(app).get('/readyz')).rejects.toThrow(/answered 500, a status its document does not list/);
  });
});
