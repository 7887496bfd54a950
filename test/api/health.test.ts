import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';

describe('HTTP shell', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('when /healthz is asked, then it answers 200 with a request id', async () => {
    const res = await t.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });

  it('when a request id is sent, then the same id comes back', async () => {
    const res = await t.http().get('/healthz').set('X-Request-Id', 'trace-abc-123');
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
  });

  it('when /readyz is asked, then each port names its adapter', async () => {
    const res = await t.http().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.ports.store).toEqual({ adapter: 'embedded', ok: true });
  });

  it('when a route does not exist, then a JSON 404 names it', async () => {
    const res = await t.http().get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('when the body is malformed JSON, then 400 INVALID_JSON, not 500', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "x",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('when the body is larger than the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ username: 'x'.repeat(300_000), password: 'y' }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves regions from GB/T 2260: Qiannan has its 12 county-level units', async () => {
    const res = await t.http().get('/api/regions?parent=522700');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items[0]).toMatchObject({ code: '522701', name: '都匀市' });
    expect(res.body.items.at(-1)).toMatchObject({ code: '522732', name: '三都水族自治县' });
    expect((await t.http().get('/api/regions?parent=999999')).status).toBe(404);
    expect((await t.http().get('/api/regions?parent=abc')).status).toBe(400);
  });

  it('publishes an OpenAPI 3.1 document and the interactive docs', async () => {
    const doc = await t.http().get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/orders/{id}/vet');
    const docs = await t.http().get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
    expect((await t.http().get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('reference data for more provinces', () => {
  it('when PROVINCES names another province, then its regions and federations are loaded too', async () => {
    const t = await startTestEngine({ provinces: ['52', '53'] });
    const res = await t.http().get('/api/regions');
    expect(res.body.items.map((r: { code: string }) => r.code)).toEqual(['520000', '530000']);
    const kunming = await t.http().get('/api/regions?parent=530000');
    expect(kunming.body.items.map((r: { name: string }) => r.name)).toContain('昆明市');
    expect(await t.engine.store.collection('orgs').findById('org_530100')).toMatchObject({ level: 'prefecture', parentId: 'org_530000' });
    await t.engine.close();
  });
});
