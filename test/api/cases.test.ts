import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

type Craftsman = Awaited<ReturnType<typeof craftsmanWithToken>>;
type CaseAnswer = { _id: string; title: string; craftsman: { id: string; name: string } };

/** A small labelled set: each solved problem, and a new enterprise's description of the same problem in other words. */
const LABELLED = [
  {
    key: 'weld',
    order: { title: '反应釜焊缝渗漏', description: '磷化工车间二号反应釜焊缝出现渗漏，停产检修，联系电话 13885412345。', requiredSkills: ['焊接'] },
    resolution: '碳弧气刨清根后采用氩弧焊打底补焊，渗透检测合格。',
    query: '我们厂的反应釜焊缝有渗漏，想找人补焊',
  },
  {
    key: 'tea',
    order: { title: '茶叶揉捻机轴承异响', description: '都匀毛尖加工线的揉捻机运转时轴承异响发热。', requiredSkills: ['设备维修'] },
    resolution: '更换揉捻机主轴轴承并调整润滑周期。',
    query: '揉捻机开机后轴承发热还有异响',
  },
  {
    key: 'power',
    order: { title: '配电变压器频繁跳闸', description: '厂区配电变压器在用电高峰频繁跳闸。', requiredSkills: ['电工'] },
    resolution: '查明三相负荷不平衡，重新分配负荷并更换老化的断路器。',
    query: '用电高峰时变压器老是跳闸',
  },
  {
    key: 'embroidery',
    order: { title: '马尾绣针法培训', description: '三都水族马尾绣合作社新学员针法不规范，需要培训。', requiredSkills: ['刺绣'], category: 'skills_training' as const },
    resolution: '开展三期马尾绣针法培训，示范盘绣与缠绣。',
    query: '合作社学员的马尾绣针法需要培训提高',
  },
  {
    key: 'lathe',
    order: { title: '数控车床加工精度偏差', description: '数控车床加工轴类零件尺寸忽大忽小，精度超差。', requiredSkills: ['数控车床'] },
    resolution: '重新标定丝杠间隙补偿参数，更换磨损的导轨镶条。',
    query: '数控车床车出来的零件尺寸精度不稳定',
  },
] as const;

describe('solved-case library (案例库): publication with consent, scope, similar cases, public page', () => {
  let t: TestEngine;
  let dy: string;
  let fq: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let solver: Craftsman;
  const published = new Map<string, CaseAnswer>();
  const closedOrders = new Map<string, string>();

  async function closedOrder(order: Record<string, unknown>, resolution: string, craftsman: Craftsman): Promise<string> {
    const http = t.http();
    const submitted = (await http.post('/api/orders').set(bearer(ent.token)).send(buildOrder(order)).expect(201)).body;
    await http.post(`/api/orders/${submitted._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    const offer = (await http.post(`/api/orders/${submitted._id}/offers`).set(bearer(dy)).send({ craftsmanId: craftsman.craftsman._id }).expect(201)).body;
    await http.post(`/api/offers/${offer._id}/accept`).set(bearer(craftsman.token)).expect(200);
    await http.post(`/api/orders/${submitted._id}/resolve`).set(bearer(craftsman.token)).send({ summary: resolution }).expect(200);
    await http.post(`/api/orders/${submitted._id}/confirm`).set(bearer(ent.token)).send({ rating: 5 }).expect(200);
    return submitted._id as string;
  }

  beforeAll(async () => {
    t = await startTestEngine();
    [dy, fq] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702')]);
    ent = await enterpriseWithToken(t);
    solver = await craftsmanWithToken(t, { name: '张师傅', capacity: 20, skills: [{ name: '焊接', grade: 1 }, { name: '电工', grade: 2 }, { name: '设备维修', grade: 2 }, { name: '数控车床', grade: 2 }, { name: '刺绣', grade: 1 }], serviceModes: ['onsite', 'remote', 'training'] });
    for (const item of LABELLED) {
      const orderId = await closedOrder(item.order, item.resolution, solver);
      closedOrders.set(item.key, orderId);
      const res = await t.http().post(`/api/orders/${orderId}/case`).set(bearer(dy)).send({ consent: { given: true, how: '企业负责人书面同意' } });
      expect(res.status).toBe(201);
      published.set(item.key, res.body);
    }
    await settle(t);
  }, 120_000);
  afterAll(() => t.engine.close());

  it('when staff publish a closed order, then the consent is recorded, contacts are blotted out and the enterprise stays unnamed unless it agreed', async () => {
    const weld = (await t.http().get(`/api/cases/${published.get('weld')!._id}`).set(bearer(dy)).expect(200)).body;
    expect(weld).toMatchObject({ title: '反应釜焊缝渗漏', solution: LABELLED[0].resolution, enterpriseName: null, excellent: false, craftsman: { id: solver.craftsman._id, name: '张师傅' } });
    expect(weld.consent).toMatchObject({ how: '企业负责人书面同意', nameShown: false });
    expect(weld.problem).toContain('联系电话 ***');
    expect(JSON.stringify(weld)).not.toContain('13885412345');
    expect(JSON.stringify(weld)).not.toContain(solver.craftsman.phone);
  });

  it('when publishing without consent, twice, an order not closed, or out of reach, then it is refused with the right code', async () => {
    const noConsent = await t.http().post(`/api/orders/${closedOrders.get('tea')}/case`).set(bearer(dy)).send({ consent: { given: false, how: '口头' } });
    expect(noConsent.status).toBe(400);
    const twice = await t.http().post(`/api/orders/${closedOrders.get('tea')}/case`).set(bearer(dy)).send({ consent: { given: true, how: '书面同意' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CASE_ALREADY_PUBLISHED');
    const open = (await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder()).expect(201)).body;
    const notClosed = await t.http().post(`/api/orders/${open._id}/case`).set(bearer(dy)).send({ consent: { given: true, how: '书面同意' } });
    expect(notClosed.status).toBe(409);
    expect(notClosed.body.error.code).toBe('ORDER_NOT_CLOSED');
    expect((await t.http().post(`/api/orders/${closedOrders.get('tea')}/case`).set(bearer(fq)).send({ consent: { given: true, how: '书面同意' } })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${closedOrders.get('tea')}/case`).set(bearer(ent.token)).send({ consent: { given: true, how: '书面同意' } })).status).toBe(403);
  });

  it('when an enterprise writes a new order, then the truly similar solved case of the labelled set comes first, with the craftsman who solved it', async () => {
    const other = await enterpriseWithToken(t, { regionCode: '522702' });
    for (const item of LABELLED) {
      const res = await t.http().post('/api/cases/similar').set(bearer(other.token)).send({ text: item.query });
      expect(res.status).toBe(200);
      expect(res.body.items[0]?._id, item.key).toBe(published.get(item.key)!._id);
      expect(res.body.items[0].craftsman.name).toBe('张师傅');
    }
  });

  it('when staff vet a new order, then its similar solved cases are shown with the similar one first', async () => {
    const fresh = (await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ title: '储罐焊缝渗漏', description: '原料储罐底部焊缝渗漏，需要补焊。' })).expect(201)).body;
    const res = await t.http().get(`/api/orders/${fresh._id}/similar-cases?limit=3`).set(bearer(dy));
    expect(res.status).toBe(200);
    expect(res.body.items[0]._id).toBe(published.get('weld')!._id);
    // A closed order's own case is not suggested to itself.
    const own = await t.http().get(`/api/orders/${closedOrders.get('weld')}/similar-cases`).set(bearer(dy)).expect(200);
    expect(own.body.items.map((c: CaseAnswer) => c._id)).not.toContain(published.get('weld')!._id);
  });

  it('when people search the library, then they see the cases of their prefecture only', async () => {
    const mine = await t.http().get('/api/cases?q=补焊').set(bearer(ent.token)).expect(200);
    expect(mine.body.items.map((c: CaseAnswer) => c._id)).toEqual([published.get('weld')!._id]);
    const kaili = await enterpriseWithToken(t, { regionCode: '522601' });
    expect((await t.http().get('/api/cases?q=补焊').set(bearer(kaili.token)).expect(200)).body.total).toBe(0);
    expect((await t.http().get(`/api/cases/${published.get('weld')!._id}`).set(bearer(kaili.token))).status).toBe(404);
    const profile = await t.http().get(`/api/craftsmen/${solver.craftsman._id}/cases`).set(bearer(ent.token)).expect(200);
    expect(profile.body.items).toHaveLength(LABELLED.length);
  });

  it('when staff mark an 优秀案例, then its public page opens without login; other cases have none', async () => {
    const id = published.get('embroidery')!._id;
    expect((await t.http().get(`/api/public/cases/${id}`)).status).toBe(404);
    const marked = await t.http().post(`/api/cases/${id}/excellent`).set(bearer(dy)).send({ excellent: true });
    expect(marked.status).toBe(200);
    expect(marked.body.excellent).toBe(true);
    const page = await t.http().get(`/api/public/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ title: '马尾绣针法培训', craftsman: { name: '张师傅' } });
    expect(page.body.consent).toBeUndefined();
    await settle(t);
    const excellent = await t.http().get('/api/cases?excellent=true').set(bearer(ent.token)).expect(200);
    expect(excellent.body.items.map((c: CaseAnswer) => c._id)).toEqual([id]);
    expect((await t.http().post(`/api/cases/${id}/excellent`).set(bearer(ent.token)).send({ excellent: false })).status).toBe(403);
  });
});
