import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/orders/order.js';
import { ADMIN, bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

type Blocker = { code: string; message: string };

describe('named requests (点名) through vetting and dispatch', () => {
  let t: TestEngine;
  let dy: string;
  let qn: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let welder: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let other: Awaited<ReturnType<typeof craftsmanWithToken>>;
  let fuquan: Awaited<ReturnType<typeof craftsmanWithToken>>;

  beforeAll(async () => {
    t = await startTestEngine();
    [dy, qn] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522700')]);
    ent = await enterpriseWithToken(t);
    welder = await craftsmanWithToken(t, { name: '张焊', skills: [{ name: '焊接', grade: 1 }], bio: '压力容器焊接与焊缝返修' });
    other = await craftsmanWithToken(t, { name: '李焊', skills: [{ name: '焊接', grade: 1 }], bio: '压力容器焊接' });
    fuquan = await craftsmanWithToken(t, { name: '福泉焊工', regionCode: '522702', skills: [{ name: '焊接', grade: 2 }], bio: '焊接' });
    await settle(t);
  });
  afterAll(() => t.engine.close());

  const submit = async (craftsmanId: string | null, reason = '去年解决过同类焊缝渗漏，效果很好') => {
    const body = buildOrder(craftsmanId ? { preferred: { kind: 'craftsman', id: craftsmanId, reason } } : {});
    return t.http().post('/api/orders').set(bearer(ent.token)).send(body);
  };
  const vetted = async (craftsmanId: string | null) => {
    const res = await submit(craftsmanId);
    expect(res.status).toBe(201);
    return (await t.http().post(`/api/orders/${res.body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200)).body as Order;
  };

  it('when an enterprise names a craftsman of its talent pool, then vetting staff see who and why, and one action offers them the order', async () => {
    const res = await submit(welder.craftsman._id);
    expect(res.status).toBe(201);
    expect(res.body.preferred).toEqual({ kind: 'craftsman', id: welder.craftsman._id, name: '张焊', reason: '去年解决过同类焊缝渗漏，效果很好' });

    const seen = await t.http().get(`/api/orders/${res.body._id}`).set(bearer(dy)).expect(200);
    expect(seen.body.preferred.name).toBe('张焊');
    await t.http().post(`/api/orders/${res.body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);

    const board = await t.http().get(`/api/orders/${res.body._id}/candidates`).set(bearer(dy)).expect(200);
    expect(board.body.named).toMatchObject({ id: welder.craftsman._id, name: '张焊', dispatchable: true, blockers: [], listed: true });
    expect(board.body.named.candidate.craftsmanId).toBe(welder.craftsman._id);

    const offer = await t.http().post(`/api/orders/${res.body._id}/offers/named`).set(bearer(dy)).send({});
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ craftsmanId: welder.craftsman._id, note: '企业点名：去年解决过同类焊缝渗漏，效果很好' });
    // Now waiting for the named craftsman: the board says so.
    const waiting = await t.http().get(`/api/orders/${res.body._id}/candidates`).set(bearer(dy)).expect(200);
    expect(waiting.body.named.dispatchable).toBe(false);
    expect(waiting.body.named.blockers.map((b: Blocker) => b.code)).toEqual(['ALREADY_OFFERED']);
    const accepted = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(welder.token)).expect(200);
    expect(accepted.body.craftsmanId).toBe(welder.craftsman._id);
  });

  it('when the named craftsman is outside the talent pool, then the order is refused with 404 and a zh-CN message', async () => {
    const outside = await craftsmanWithToken(t, { name: '贵阳焊工', regionCode: '520102' });
    const res = await submit(outside.craftsman._id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NAMED_CRAFTSMAN_NOT_FOUND');
    expect(res.body.error.message).toMatch(/人才库/);
    expect((await submit('cra_missing')).status).toBe(404);
    const bad = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ preferred: { kind: 'studio', id: 'x', reason: '' } as never }));
    expect(bad.status).toBe(400);
  });

  it('when the named craftsman paused after being named, then the candidate list explains why and the one-action offer is refused', async () => {
    const order = await vetted(other.craftsman._id);
    await t.engine.services.craftsmen.setStatus(ADMIN, other.craftsman._id, 'paused', '外出培训');
    await settle(t);
    const board = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy)).expect(200);
    expect(board.body.named).toMatchObject({ id: other.craftsman._id, dispatchable: false, listed: false });
    expect(board.body.named.blockers).toEqual([{ code: 'NOT_ACTIVE', message: expect.stringContaining('点名的劳模工匠不在库') }]);
    expect(board.body.named.candidate.craftsmanId).toBe(other.craftsman._id);
    const offer = await t.http().post(`/api/orders/${order._id}/offers/named`).set(bearer(dy)).send({});
    expect(offer.status).toBe(409);
    expect(offer.body.error.code).toBe('CRAFTSMAN_NOT_ACTIVE');
    await t.engine.services.craftsmen.setStatus(ADMIN, other.craftsman._id, 'active', '培训结束');
  });

  it('when the named craftsman is beyond the vetting county, then the county is told to escalate and the prefecture dispatches in one action', async () => {
    const order = await vetted(fuquan.craftsman._id);
    const county = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy)).expect(200);
    expect(county.body.named.dispatchable).toBe(false);
    expect(county.body.named.blockers).toEqual([{ code: 'OUT_OF_REACH', message: expect.stringContaining('升级到上级工会') }]);
    expect((await t.http().post(`/api/orders/${order._id}/offers/named`).set(bearer(dy)).send({})).status).toBe(404);

    const prefecture = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(qn)).expect(200);
    expect(prefecture.body.named).toMatchObject({ dispatchable: true, blockers: [] });
    const offer = await t.http().post(`/api/orders/${order._id}/offers/named`).set(bearer(qn)).send({ note: '按企业点名派单' });
    expect(offer.status).toBe(201);
    expect(offer.body.craftsmanId).toBe(fuquan.craftsman._id);
  });

  it('when an order names nobody, then the board has no named entry and the one-action offer answers 409', async () => {
    const order = await vetted(null);
    const board = await t.http().get(`/api/orders/${order._id}/candidates`).set(bearer(dy)).expect(200);
    expect(board.body.named).toBeNull();
    const offer = await t.http().post(`/api/orders/${order._id}/offers/named`).set(bearer(dy)).send({});
    expect(offer.status).toBe(409);
    expect(offer.body.error.code).toBe('NOTHING_NAMED');
  });

  it('when an enterprise or craftsman tries the one-action offer, then it is not allowed', async () => {
    const order = await vetted(welder.craftsman._id);
    expect((await t.http().post(`/api/orders/${order._id}/offers/named`).set(bearer(ent.token)).send({})).status).toBe(403);
  });
});
