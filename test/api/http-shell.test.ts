import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGroupOf } from '../../src/http/route.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken } from '../helpers/fixtures.js';

describe('the HTTP shell: security headers and route look-up', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => {
    await t.engine.close();
  });

  it('when an API answer goes out, then it carries the protective headers but not the page-only ones', async () => {
    for (const res of [await t.http().get('/api/openapi.json'), await t.http().get('/api/nothing-here')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['cache-control']).toBe('no-store');
      for (const pageOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-xss-protection']) {
        expect(res.headers[pageOnly], pageOnly).toBeUndefined();
      }
    }
  });

  it('when a page (the API docs) goes out, then it carries helmet\'s full set', async () => {
    const res = await t.http().get('/docs').expect(200);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('when routes are looked up by their first segment, then the same route answers as before, whatever the case of the path', async () => {
    const { token } = await enterpriseWithToken(t);
    const created = await t.http().post('/api/orders').set(bearer(token)).send(buildOrder({ title: '注塑机液压系统漏油' })).expect(201);
    const listed = await t.http().get('/api/orders').set(bearer(token)).expect(200);
    expect(listed.body.items.map((o: { _id: string }) => o._id)).toContain(created.body._id);
    // Express matches routes case-insensitively; the look-up by segment does too.
    expect((await t.http().get(`/API/Orders/${created.body._id}`).set(bearer(token)).expect(200)).body._id).toBe(created.body._id);
    expect((await t.http().get('/api/no-such-group/x').expect(404)).body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('when a path is split for the look-up, then only the segment after /api/ counts', () => {
    expect(apiGroupOf('/api/orders/ord_1/offers')).toBe('orders');
    expect(apiGroupOf('/api/orders')).toBe('orders');
    expect(apiGroupOf('/Api/ORGS/x')).toBe('orgs');
    expect(apiGroupOf('/api/')).toBeNull();
    expect(apiGroupOf('/api/:id')).toBeNull();
    expect(apiGroupOf('/apix/orders')).toBeNull();
    expect(apiGroupOf('/docs')).toBeNull();
  });
});
