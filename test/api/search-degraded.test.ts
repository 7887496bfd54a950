import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, staffToken } from '../helpers/fixtures.js';
import { SwitchableSearch } from '../helpers/switchable-search.js';

describe('when the search backend is down', () => {
  let t: TestEngine;
  let staff: string;
  const search = new SwitchableSearch();
  beforeAll(async () => {
    t = await startTestEngine({}, { search });
    staff = await staffToken(t, '522700');
  });
  afterAll(() => t.engine.close());

  it('writes still succeed, /readyz says degraded, searches answer from the store, and the index catches up when it returns', async () => {
    search.down = true;
    await t.engine.searchWatch.check();
    const created = await t.http().post('/api/craftsmen').set(bearer(staff)).send(buildCraftsman({ name: '韦秀英', skills: [{ name: '刺绣', grade: 2 }] }));
    expect(created.status).toBe(201);
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', ports: { search: { ok: false, state: 'degraded' } } });

    const fallback = await t.http().get('/api/craftsmen?skill=刺绣').set(bearer(staff));
    expect(fallback.status).toBe(200);
    expect(fallback.body.degraded).toBe(true);
    expect(fallback.body.hits.map((h: { name: string }) => h.name)).toContain('韦秀英');
    const orders = await t.http().get('/api/orders?q=焊接').set(bearer(staff));
    expect(orders.status).toBe(200);
    expect(orders.body.degraded).toBe(true);
    const byText = await t.http().get('/api/craftsmen?q=秀英').set(bearer(staff));
    expect(byText.body.degraded).toBe(true);
    expect(byText.body.hits.map((h: { name: string }) => h.name)).toEqual(['韦秀英']);

    search.down = false;
    await t.engine.searchWatch.check();
    await settle(t);
    const back = await t.http().get('/api/craftsmen?q=韦秀英').set(bearer(staff));
    expect(back.body.degraded).toBe(false);
    expect(back.body.hits.map((h: { name: string }) => h.name)).toEqual(['韦秀英']);
    expect((await t.http().get('/readyz')).body.status).toBe('ready');
  });
});
