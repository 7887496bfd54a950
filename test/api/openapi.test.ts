import { createHmac, timingSafeEqual } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import express from 'express';
import { buildWebhookMessage } from '../../src/domain/notifications/webhook-message.js';
import { signWebhookBody } from '../../src/workers/webhook-worker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { checkedRequest } from '../helpers/openapi-check.js';

type Operation = { summary: string; responses: Record<string, { content?: Record<string, { schema?: object }> }> };

/** Operations whose success answer has no documented body: no JSON schema, no file type, and not a 204. */
function lackingSuccessSchema(paths: Record<string, Record<string, Operation>>): string[] {
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => {
        const [status, success] = Object.entries(op.responses).find(([code]) => code.startsWith('2')) ?? [];
        if (status === '204') return false;
        const media = Object.values(success?.content ?? {});
        return media.length === 0 || media.some((m) => !m.schema || Object.keys(m.schema).length === 0);
      })
      .map(([method, op]) => `${method.toUpperCase()} ${path} (${op.summary})`),
  );
}

/** A one-route app whose document promises `{ count: integer }`, answering whatever the test asks. */
function appAnswering(status: number, body: unknown) {
  const app = express();
  app.locals.openapi = {
    paths: { '/api/things/{id}': { get: { summary: 't', responses: { '200': { content: { 'application/json': { schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } } } } } } } } },
    components: {},
  };
  app.get('/api/things/:id', (_req, res) => {
    res.status(status).json(body);
  });
  return app;
}

describe('OpenAPI document', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('documents every route of the lifecycle, matching, search, notifications and reporting with its schemas', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    const ops = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const expected = [
      'POST /api/auth/login', 'GET /api/me', 'GET /api/regions', 'GET /api/orgs',
      'POST /api/enterprises', 'GET /api/enterprises', 'GET /api/enterprises/{id}', 'PATCH /api/enterprises/{id}',
      'POST /api/craftsmen', 'GET /api/craftsmen', 'GET /api/craftsmen/{id}', 'PATCH /api/craftsmen/{id}', 'POST /api/craftsmen/{id}/status',
      'POST /api/orders', 'GET /api/orders', 'GET /api/orders/{id}', 'POST /api/orders/{id}/vet', 'POST /api/orders/{id}/offers',
      'GET /api/offers', 'POST /api/offers/{id}/accept', 'POST /api/offers/{id}/decline', 'POST /api/orders/{id}/claim',
      'POST /api/orders/{id}/service-records', 'POST /api/orders/{id}/resolve', 'POST /api/orders/{id}/confirm', 'POST /api/orders/{id}/reopen', 'POST /api/orders/{id}/cancel',
      'GET /api/orders/{id}/candidates', 'GET /api/orgs/{id}/matching-policy', 'PUT /api/orgs/{id}/matching-policy', 'POST /api/dispatch/plans', 'POST /api/dispatch/plans/{id}/apply',
      'GET /api/notifications', 'POST /api/notifications/{id}/read',
      'GET /api/orgs/{id}/stats', 'GET /api/orgs/{id}/stats/timeseries', 'GET /api/orgs/{id}/stats/export', 'PUT /api/orgs/{id}/targets', 'GET /api/orgs/{id}/targets', 'GET /api/orders/export', 'GET /api/craftsmen/{id}/points',
    ];
    expect(ops).toEqual(expect.arrayContaining(expected));
    const create = body.paths['/api/orders'].post;
    expect(create.requestBody.content['application/json'].schema.properties.category.enum).toContain('technical_problem');
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(create.responses['400']).toBeDefined();
    expect(create.security).toEqual([{ bearer: [] }]);
    const list = body.paths['/api/orders'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'page', 'status', 'category', 'regionCode', 'q']));
  });

  it('shows each answer with its fields, zh-CN descriptions, and every error status with its codes', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    const created = body.paths['/api/orders'].post.responses;
    const order = created['201'].content['application/json'].schema;
    expect(order.properties.status.enum).toEqual(['submitted', 'rejected', 'open', 'offered', 'in_progress', 'resolved', 'closed', 'cancelled']);
    expect(order.properties.timeline.items.properties.actorName.description).toBe('操作人名称');
    expect(order.additionalProperties).toBe(false);
    expect(Object.keys(created)).toEqual(['201', '400', '401', '403', '404', '409', '413', '500', '503']);
    // 404: the earlier order a new one is linked to (回访: the problem came back) does not exist, or the named craftsman (点名) is not in the talent pool.
    expect(created['404'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['ORDER_NOT_FOUND', 'NAMED_CRAFTSMAN_NOT_FOUND']);
    expect(created['409'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['OPEN_ORDER_LIMIT']);
    expect(created['403'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['ACTION_NOT_ALLOWED', 'ORDER_REGION_OUT_OF_REACH']);
    const search = body.paths['/api/craftsmen'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(search.properties)).toEqual(['hits', 'total', 'facets', 'page', 'limit', 'degraded']);
    const candidates = body.paths['/api/orders/{id}/candidates'].get.responses['200'].content['application/json'].schema;
    expect(candidates.properties.candidates.items.properties.factors.items.required).toEqual(['factor', 'label', 'value', 'weight', 'contribution']);
    const login = body.paths['/api/auth/login'].post.responses;
    expect(login['429'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['LOGIN_THROTTLED']);
    expect(login['429'].headers['Retry-After']).toBeDefined();
    expect(login['200'].content['application/json'].schema.properties.user.properties).not.toHaveProperty('passwordHash');
    const exported = body.paths['/api/orders/export'].get.responses['200'].content;
    expect(Object.keys(exported)).toEqual(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('every operation declares the schema of its success answer (a new route without one is named here)', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    const missing = lackingSuccessSchema(body.paths);
    expect(missing, `operations without a success schema — give each route spec a \`response\` (see src/domain/api):\n  ${missing.join('\n  ')}`).toEqual([]);
    expect(Object.values(body.paths).flatMap((m) => Object.keys(m as object)).length).toBeGreaterThanOrEqual(70);
  });

  it('when an answer does not match its documented schema, or its status is not listed, then the call that got it fails', async () => {
    await expect(checkedRequest(appAnswering(200, { count: 'three' })).get('/api/things/1')).rejects.toThrow(/GET \/api\/things\/\{id\} 200 body does not match[\s\S]*\/count must be integer/);
    await expect(checkedRequest(appAnswering(409, { error: { code: 'X', message: 'x' } })).get('/api/things/1')).rejects.toThrow(/answered 409, a status its document does not list/);
    const ok = await checkedRequest(appAnswering(200, { count: 3 })).get('/api/things/1');
    expect(ok.body).toEqual({ count: 3 });
  });

  it('when a route is missing its success schema, then the check names it', () => {
    const paths = { '/api/new-thing': { post: { summary: '新功能', responses: { '201': { description: 'OK' } } } }, '/api/x': { post: { summary: '退出', responses: { '204': {} } } } };
    expect(lackingSuccessSchema(paths as never)).toEqual(['POST /api/new-thing (新功能)']);
  });

  it('documents the group-robot webhooks: each event type, the signature headers, and the body the engine really sends', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    expect(Object.keys(body.webhooks)).toEqual(expect.arrayContaining(['order.submitted', 'offer.made', 'offer.accepted', 'order.resolved', 'order.escalated']));
    const submitted = body.webhooks['order.submitted'].post;
    expect(submitted.parameters.map((p: { name: string }) => p.name)).toEqual(['X-Jiangxin-Signature', 'X-Jiangxin-Timestamp', 'X-Jiangxin-Event', 'X-Jiangxin-Delivery']);
    expect(submitted.description).toContain('HMAC-SHA256');
    const validate = new Ajv2020({ strict: false }).compile(body.components.schemas.WebhookMessage);
    const sent = buildWebhookMessage({ title: '新需求待审核', body: '都匀市某企业：反应釜焊缝渗漏', link: '/orders/ord_1', eventId: 'evt_1', eventType: 'order.submitted', orgId: 'org_522701', timestamp: 1764662400 });
    expect(validate(sent), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...sent, msgtype: 'text' })).toBe(false);
    // The receiver's check from the README: recompute over the raw bytes and compare in constant time.
    const raw = JSON.stringify(sent);
    const header = signWebhookBody('a-shared-secret-of-16+', raw);
    const expected = Buffer.from(`sha256=${createHmac('sha256', 'a-shared-secret-of-16+').update(raw).digest('hex')}`);
    expect(expected.length === header.length && timingSafeEqual(expected, Buffer.from(header))).toBe(true);
  });
});
