import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/orders/order.js';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

describe('a taxonomy that grows: staff add synonyms and related skills, the engine proposes additions', () => {
  let t: TestEngine;
  let dy: string;
  let fq: string;
  let ent: Awaited<ReturnType<typeof enterpriseWithToken>>;
  let welder: Awaited<ReturnType<typeof craftsmanWithToken>>;
  beforeAll(async () => {
    t = await startTestEngine();
    [dy, fq] = await Promise.all([staffToken(t, '522701'), staffToken(t, '522702')]);
    ent = await enterpriseWithToken(t);
    welder = await craftsmanWithToken(t, { name: '熔合师傅', skills: [{ name: '焊接', grade: 2 }], honors: [], bio: '设备维护多年' });
    // Three craftsmen of 都匀 who hold 焊接 beside a name the taxonomy does not know, and 钳工 beside 焊接.
    for (let i = 0; i < 3; i++) {
      await craftsmanWithToken(t, { name: `熔覆${i}`, skills: [{ name: '焊接', grade: 3 }, { name: '激光熔覆修复', grade: 3 }, { name: '钳工', grade: 4 }], honors: [], bio: '设备修复' });
    }
    await settle(t);
  });
  afterAll(() => t.engine.close());

  const openOrder = async (overrides = {}) => {
    const { body } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder(overrides)).expect(201);
    const vetted = await t.http().post(`/api/orders/${body._id}/vet`).set(bearer(dy)).send({ approve: true }).expect(200);
    return vetted.body as Order;
  };
  const candidate = async (orderId: string, craftsmanId: string) => {
    const res = await t.http().get(`/api/orders/${orderId}/candidates?limit=50`).set(bearer(dy)).expect(200);
    return res.body.candidates.find((c: { craftsmanId: string }) => c.craftsmanId === craftsmanId) as { weakFit: boolean; summary: string; total: number } | undefined;
  };

  it('when staff add a synonym, then an order written with it finds the craftsman holding the skill, and the change is audited', async () => {
    const order = await openOrder({ title: '电弧熔合工艺改进', description: '车间电弧熔合质量不稳定，请专家指导。', requiredSkills: ['电弧熔合'] });
    const before = await candidate(order._id, welder.craftsman._id);
    expect(before?.weakFit).toBe(true);

    const added = await t.http().post('/api/taxonomy/additions').set(bearer(dy)).send({ kind: 'synonym', skill: '焊接', term: '电弧熔合' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'synonym', skill: '焊接', term: '电弧熔合', orgId: 'org_522701' });

    const after = await candidate(order._id, welder.craftsman._id);
    expect(after?.weakFit).toBe(false);
    expect(after?.summary).toContain('技能匹配：焊接');
    expect(after!.total).toBeGreaterThan(before!.total);

    const trail = await t.http().get('/api/orgs/org_522701/matching-audit').set(bearer(dy)).expect(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'taxonomy.synonym_added', after: { kind: 'synonym', skill: '焊接', term: '电弧熔合' } });
    const list = await t.http().get('/api/taxonomy/additions').set(bearer(fq)).expect(200);
    expect(list.body.items.map((a: { term: string }) => a.term)).toContain('电弧熔合');
  });

  it('refuses additions that would break the taxonomy, with zh-CN messages; only staff may add', async () => {
    const post = (body: object, token = dy) => t.http().post('/api/taxonomy/additions').set(bearer(token)).send(body);
    const unknownSkill = await post({ kind: 'synonym', skill: '不存在的技能', term: '某写法' });
    expect(unknownSkill.status).toBe(400);
    expect(unknownSkill.body.error.code).toBe('SKILL_NOT_IN_TAXONOMY');
    expect(unknownSkill.body.error.message).toContain('不是技能分类中的技能');
    const anotherSkill = await post({ kind: 'synonym', skill: '焊接', term: '电工' });
    expect(anotherSkill.status).toBe(400);
    expect(anotherSkill.body.error.code).toBe('TERM_IS_ANOTHER_SKILL');
    const relatedUnknown = await post({ kind: 'related', skill: '焊接', term: '某新技能' });
    expect(relatedUnknown.body.error.code).toBe('SKILL_NOT_IN_TAXONOMY');
    const already = await post({ kind: 'related', skill: '焊接', term: '压力容器' });
    expect(already.status).toBe(409);
    expect(already.body.error.code).toBe('ALREADY_IN_TAXONOMY');
    const malformed = await post({ kind: 'alias', skill: '焊', term: '<script>' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(malformed.body.error)).toMatch(/同义词|至少 2 个字|只能包含/);
    expect((await post({ kind: 'synonym', skill: '焊接', term: '熔焊作业' }, ent.token)).status).toBe(403);
    expect((await post({ kind: 'synonym', skill: '焊接', term: '熔焊作业' }, welder.token)).status).toBe(403);
  });

  it('proposes what co-occurs in profiles in reach, with support counts; a rejected proposal is not proposed again, an accepted one is added', async () => {
    const res = await t.http().get('/api/taxonomy/proposals').set(bearer(dy)).expect(200);
    const synonym = res.body.items.find((p: { term: string }) => p.term === '激光熔覆修复');
    expect(synonym).toMatchObject({ kind: 'synonym', skill: '焊接', support: { profiles: 3, orders: 0, total: 3 } });
    const related = res.body.items.find((p: { kind: string; skill: string; term: string }) => p.kind === 'related' && [p.skill, p.term].sort().join() === ['焊接', '钳工'].sort().join());
    expect(related?.support.profiles).toBe(3);
    // 福泉 reaches none of these craftsmen, so nothing is proposed from them.
    expect((await t.http().get('/api/taxonomy/proposals').set(bearer(fq)).expect(200)).body.items).toEqual([]);

    await t.http().post('/api/taxonomy/proposals/decision').set(bearer(dy)).send({ kind: 'related', skill: related.skill, term: related.term, decision: 'reject', reason: '工种不同' }).expect(200);
    const accepted = await t.http().post('/api/taxonomy/proposals/decision').set(bearer(dy)).send({ kind: 'synonym', skill: '焊接', term: '激光熔覆修复', decision: 'accept' }).expect(200);
    expect(accepted.body.addition).toMatchObject({ source: 'proposal', skill: '焊接', term: '激光熔覆修复' });
    const again = await t.http().get('/api/taxonomy/proposals').set(bearer(dy)).expect(200);
    expect(again.body.items.map((p: { id: string }) => p.id)).not.toContain(related.id);
    expect(again.body.items.map((p: { id: string }) => p.id)).not.toContain(synonym.id);
    const missing = await t.http().post('/api/taxonomy/proposals/decision').set(bearer(dy)).send({ kind: 'related', skill: related.skill, term: related.term, decision: 'accept' });
    expect(missing.status).toBe(404);
    const trail = await t.http().get('/api/orgs/org_522701/matching-audit').set(bearer(dy)).expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['taxonomy.proposal_rejected', 'taxonomy.proposal_accepted']));
  });
});
