import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';

describe('API answers on a slow link', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => {
    await t.engine.close();
  });

  it('when a large JSON answer is asked for with brotli or gzip accepted, then it comes compressed and says it varies by encoding', async () => {
    const br = await t.http().get('/api/openapi.json').set('accept-encoding', 'br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.openapi).toMatch(/^3\./);
    const gzip = await t.http().get('/api/openapi.json').set('accept-encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('when an answer is small or the client accepts no encoding, then it goes out as it is', async () => {
    const small = await t.http().get('/api/nothing-here').set('accept-encoding', 'gzip, br');
    expect(small.status).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    const plain = await t.http().get('/api/openapi.json').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.openapi).toMatch(/^3\./);
  });
});
