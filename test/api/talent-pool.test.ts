import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

type Hit = { _id: string; name: string; phone: string };

describe('talent pool for enterprises: scope and masked phones', () => {
  let t: TestEngine;
  let dy: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let neighbour: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let welder: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let fuquan: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let paused: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let guiyang: Awaited<ReturnType<typeof craftsmanWithToken>>;

  beforeAll(async () => {
    t = await startTestEngine();
    dy = await staffToken(t, '522701');
    ent = await enterpriseWithToken(t);
    neighbour = await enterpriseWithToken(t);
    welder = await craftsmanWithToken(t, {
      name: '张伟',
      phone: '13985401234',
      skills: [{ name: '焊接', grade: 1 }],
      honors: [{ title: '全国劳动模范', level: 'national', year: 2020 }],
      studio: '张伟焊接创新工作室',
      bio: '压力容器焊接专家',
    });
    fuquan = await craftsmanWithToken(t, { name: '刘洋', regionCode: '522702', phone: '13985405678', skills: [{ name: '焊接', grade: 3 }], bio: '管道焊接' });
    paused = await craftsmanWithToken(t, { name: '赵停', skills: [{ name: '焊接', grade: 2 }], bio: '焊接' });
    await t.engine.services.craftsmen.setStatus({ userId: 'usr_test_admin', role: 'admin', displayName: '测试管理员' }, paused.craftsman._id, 'paused', '外出培训');
    guiyang = await craftsmanWithToken(t, { name: '贵阳焊工', regionCode: '520102', skills: [{ name: '焊接', grade: 1 }], bio: '焊接' });
    await settle(t);
  });
  afterAll(() => t.engine.close());

  it('when an enterprise searches, then it finds the active craftsmen of its prefecture only, with facets over them', async () => {
    const res = await t.http().get('/api/craftsmen?q=焊接&limit=50').set(bearer(ent.token));
    expect(res.status).toBe(200);
    const names = res.body.hits.map((h: Hit) => h.name).sort();
    expect(names).toEqual(['刘洋', '张伟']);
    expect(res.body.total).toBe(2);
    expect(res.body.facets.regionCode).toEqual({ '522701': 1, '522702': 1 });
    // Outside the prefecture, or not taking work: not found by id either.
    for (const id of [guiyang.craftsman._id, paused.craftsman._id]) {
      expect((await t.http().get(`/api/craftsmen/${id}`).set(bearer(ent.token))).status).toBe(404);
    }
    // Asking for another place or status does not widen the pool.
    const wider = await t.http().get('/api/craftsmen?regionCode=520000&status=paused').set(bearer(ent.token));
    expect(wider.body.total).toBe(0);
  });

  it('when an enterprise searches by synonym or pinyin, then the same search finds the craftsman', async () => {
    for (const q of ['电焊', 'zhangwei', 'zw']) {
      const res = await t.http().get(`/api/craftsmen?q=${encodeURIComponent(q)}`).set(bearer(ent.token));
      expect(res.body.hits[0]?.name, q).toBe('张伟');
    }
  });

  it('when an enterprise reads a profile, then it sees honours, skills with grades, studio, service modes, counts and rating, with the phone masked', async () => {
    const res = await t.http().get(`/api/craftsmen/${welder.craftsman._id}`).set(bearer(ent.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      honors: [{ title: '全国劳动模范', level: 'national' }],
      skills: [{ name: '焊接', grade: 1 }],
      studio: '张伟焊接创新工作室',
      serviceModes: ['onsite', 'remote'],
      completedCount: 0,
      rating: null,
      phone: '139****1234',
    });
    const hits = (await t.http().get('/api/craftsmen?q=张伟').set(bearer(ent.token))).body.hits as Hit[];
    expect(hits.find((h) => h._id === welder.craftsman._id)?.phone).toBe('139****1234');
  });

  it('when the craftsman is assigned to one of its orders, then that enterprise sees the phone and others still see it masked', async () => {
    const order = (await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201)).body;
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    const offer = (await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dy)).send({ craftsmanId: welder.craftsman._id }).expect(201)).body;
    // An offer alone is no assignment yet.
    expect((await t.http().get(`/api/craftsmen/${welder.craftsman._id}`).set(bearer(ent.token))).body.phone).toBe('139****1234');
    await t.http().post(`/api/offers/${offer._id}/accept`).set(bearer(welder.token)).expect(200);
    await settle(t);

    expect((await t.http().get(`/api/craftsmen/${welder.craftsman._id}`).set(bearer(ent.token))).body.phone).toBe('13985401234');
    const hits = (await t.http().get('/api/craftsmen?q=焊接&limit=50').set(bearer(ent.token))).body.hits as Hit[];
    expect(hits.find((h) => h._id === welder.craftsman._id)?.phone).toBe('13985401234');
    expect(hits.find((h) => h._id === fuquan.craftsman._id)?.phone).toBe('139****5678');
    expect((await t.http().get(`/api/craftsmen/${welder.craftsman._id}`).set(bearer(neighbour.token))).body.phone).toBe('139****1234');
  });

  it('when a craftsman reads another craftsman, then it is out of scope (404)', async () => {
    expect((await t.http().get(`/api/craftsmen/${fuquan.craftsman._id}`).set(bearer(welder.token))).status).toBe(404);
  });
});
