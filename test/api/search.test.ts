import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('search over profiles and orders', () => {
  let t: TestEngine;
  let qn: string;
  let dy: string;
  let fq: string;
  let zhang: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [qn, dy, fq] = await Promise.all([staffToken(t, '522700'), staffToken(t, '522701'), staffToken(t, '522702')]);
    zhang = (await craftsmanWithToken(t, { name: '张伟', skills: [{ name: '焊接', grade: 1 }], honors: [{ title: '全国劳动模范', level: 'national', year: 2020 }], bio: '压力容器焊接专家' })).craftsman._id;
    await craftsmanWithToken(t, { name: '王芳', regionCode: '522702', skills: [{ name: '电工', grade: 2 }], trades: ['电工'], honors: [], bio: '供电线路维护' });
    await craftsmanWithToken(t, { name: '刘洋', regionCode: '522702', skills: [{ name: '焊接', grade: 3 }], honors: [{ title: '福泉市劳动模范', level: 'county', year: 2021 }], bio: '管道焊接' });
    await settle(t);
  });
  afterAll(() => t.engine.close());

  it('when a prefecture filters on 522700, then county profiles are found, with facets over what it sees', async () => {
    const res = await t.http().get('/api/craftsmen?regionCode=522700&limit=50').set(bearer(qn));
    expect(res.status).toBe(200);
    expect(res.body.degraded).toBe(false);
    expect(res.body.total).toBe(3);
    expect(res.body.facets.regionCode).toEqual({ '522701': 1, '522702': 2 });
    expect(res.body.facets.skill['焊接']).toBe(2);
  });

  it('when 都匀 staff search, then totals and facets count only 都匀 profiles', async () => {
    const res = await t.http().get('/api/craftsmen?q=焊接').set(bearer(dy));
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0].name).toBe('张伟');
    expect(res.body.facets.regionCode).toEqual({ '522701': 1 });
    const outside = await t.http().get('/api/craftsmen?regionCode=522702').set(bearer(dy));
    expect(outside.body.total).toBe(0);
  });

  it('finds by synonym (电焊 → 焊接), by pinyin and initials, and highlights the match', async () => {
    const synonym = await t.http().get('/api/craftsmen?q=电焊').set(bearer(qn));
    expect(synonym.body.hits.map((h: { name: string }) => h.name).sort()).toEqual(['刘洋', '张伟']);
    for (const q of ['zhangwei', 'zw']) {
      const res = await t.http().get(`/api/craftsmen?q=${q}`).set(bearer(qn));
      expect(res.body.hits[0]?.name, q).toBe('张伟');
    }
    const hl = await t.http().get('/api/craftsmen?q=压力容器').set(bearer(qn));
    expect(JSON.stringify(hl.body.hits[0].highlight)).toContain('<em>');
  });

  it('filters by honour level and service mode and sorts by rating', async () => {
    const national = await t.http().get('/api/craftsmen?honorLevel=national').set(bearer(qn));
    expect(national.body.hits.map((h: { name: string }) => h.name)).toEqual(['张伟']);
    expect((await t.http().get('/api/craftsmen?sort=rating').set(bearer(qn))).status).toBe(200);
    expect((await t.http().get('/api/craftsmen?sort=bogus').set(bearer(qn))).status).toBe(400);
  });

  it('when a craftsman is suspended, then it disappears from active results without a manual reindex', async () => {
    const before = await t.http().get('/api/craftsmen?status=active&q=张伟').set(bearer(qn));
    expect(before.body.total).toBe(1);
    await t.http().post(`/api/craftsmen/${zhang}/status`).set(bearer(qn)).send({ status: 'suspended', reason: '连续差评，暂停接单' }).expect(200);
    await settle(t);
    const after = await t.http().get('/api/craftsmen?status=active&q=张伟').set(bearer(qn));
    expect(after.body.total).toBe(0);
    await t.http().post(`/api/craftsmen/${zhang}/status`).set(bearer(qn)).send({ status: 'active', reason: '复核后恢复' }).expect(200);
    await settle(t);
  });

  it('searches orders within scope: 福泉 staff never count a 都匀 order', async () => {
    const ent = await enterpriseWithToken(t);
    await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '锅炉焊缝检测', description: '锅炉水冷壁焊缝需要检测' })).expect(201);
    await settle(t);
    const dyRes = await t.http().get('/api/orders?q=锅炉').set(bearer(dy));
    expect(dyRes.body.total).toBe(1);
    expect(dyRes.body.facets.status).toEqual({ submitted: 1 });
    const fqRes = await t.http().get('/api/orders?q=锅炉').set(bearer(fq));
    expect(fqRes.body.total).toBe(0);
    const other = await enterpriseWithToken(t);
    expect((await t.http().get('/api/orders?q=锅炉').set(bearer(other.token))).body.total).toBe(0);
  });
});
