import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, staffToken } from '../helpers/fixtures.js';

describe('studios (工作室) as entities kept by staff in reach', () => {
  let t: TestEngine;
  let qn: string;
  let dy: string;
  let fq: string;
  let lead: { id: string; token: string };
  let member: string;
  let farMember: string;
  beforeAll(async () => {
    t = await startTestEngine();
    [qn, dy, fq] = await Promise.all([staffToken(t, '522700'), staffToken(t, '522701'), staffToken(t, '522702')]);
    const l = await craftsmanWithToken(t, { name: '罗建国', skills: [{ name: '焊接', grade: 1 }] });
    lead = { id: l.craftsman._id, token: l.token };
    member = (await craftsmanWithToken(t, { name: '杨秀英', skills: [{ name: '电工', grade: 2 }] })).craftsman._id;
    farMember = (await craftsmanWithToken(t, { name: '吴德明', regionCode: '522702', skills: [{ name: '数控车床', grade: 2 }] })).craftsman._id;
  });
  afterAll(() => t.engine.close());

  const studioBody = (overrides: Record<string, unknown> = {}) => ({
    name: '罗建国劳模创新工作室',
    level: 'prefecture',
    leadCraftsmanId: lead.id,
    memberIds: [member, lead.id, member],
    specialities: ['焊接', '电工'],
    regionCode: '522701',
    ...overrides,
  });

  it('when county staff register a studio, then members are kept once without the lead, with names, and the studio is searchable by speciality synonym and member name', async () => {
    const created = await t.http().post('/api/studios').set(bearer(dy)).send(studioBody());
    expect(created.status).toBe(201);
    expect(created.body.memberIds).toEqual([member]);
    expect(created.body.leadName).toBe('罗建国');
    expect(created.body.members).toEqual([{ craftsmanId: member, name: '杨秀英' }]);
    await settle(t);
    const bySynonym = await t.http().get('/api/studios?q=电焊').set(bearer(qn));
    expect(bySynonym.status).toBe(200);
    expect(bySynonym.body.hits.map((h: { _id: string }) => h._id)).toEqual([created.body._id]);
    expect(bySynonym.body.facets.studioLevel).toEqual({ prefecture: 1 });
    const byMember = await t.http().get('/api/studios?q=杨秀英').set(bearer(dy));
    expect(byMember.body.total).toBe(1);
    const mine = await t.http().get('/api/studios').set(bearer(lead.token));
    expect(mine.body.total).toBe(1);
  });

  it('when staff of another county look, then the studio answers 404 and their search finds nothing', async () => {
    const created = await t.http().post('/api/studios').set(bearer(dy)).send(studioBody({ name: '都匀电工创新工作室', memberIds: [] }));
    expect(created.status).toBe(201);
    await settle(t);
    expect((await t.http().get(`/api/studios/${created.body._id}`).set(bearer(fq))).status).toBe(404);
    expect((await t.http().patch(`/api/studios/${created.body._id}`).set(bearer(fq)).send({ level: 'county' })).status).toBe(404);
    expect((await t.http().get('/api/studios?q=都匀电工').set(bearer(fq))).body.total).toBe(0);
    expect((await t.http().get('/api/studios?q=都匀电工&regionCode=522701').set(bearer(fq))).body.total).toBe(0);
    expect((await t.http().get('/api/studios?q=都匀电工&regionCode=522701').set(bearer(qn))).body.total).toBe(1);
  });

  it('when a member is outside the staff reach, a name repeats in the region, or the level is unknown, then 404, 409 and 400 with stable codes', async () => {
    const far = await t.http().post('/api/studios').set(bearer(dy)).send(studioBody({ name: '跨县工作室', memberIds: [farMember] }));
    expect(far.status).toBe(404);
    expect(far.body.error.code).toBe('CRAFTSMAN_NOT_FOUND');
    await t.http().post('/api/studios').set(bearer(dy)).send(studioBody({ name: '重名工作室' })).expect(201);
    const twice = await t.http().post('/api/studios').set(bearer(dy)).send(studioBody({ name: '重名工作室' }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('STUDIO_NAME_TAKEN');
    const bad = await t.http().post('/api/studios').set(bearer(dy)).send(studioBody({ name: '级别错误', level: 'city' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().post('/api/studios').set(bearer(lead.token)).send(studioBody({ name: '自建' }))).status).toBe(403);
  });

  it('when staff change the lead and then dissolve the studio, then the former lead stays a member and the search index drops it', async () => {
    const created = await t.http().post('/api/studios').set(bearer(qn)).send(studioBody({ name: '黔南焊接工匠工作室' }));
    const changed = await t.http().patch(`/api/studios/${created.body._id}`).set(bearer(qn)).send({ leadCraftsmanId: member });
    expect(changed.status).toBe(200);
    expect(changed.body.leadCraftsmanId).toBe(member);
    expect(changed.body.memberIds).toEqual([lead.id]);
    const gone = await t.http().delete(`/api/studios/${created.body._id}`).set(bearer(qn));
    expect(gone.status).toBe(200);
    await settle(t);
    expect((await t.http().get(`/api/studios/${created.body._id}`).set(bearer(qn))).status).toBe(404);
    expect((await t.http().get('/api/studios?q=黔南焊接工匠').set(bearer(qn))).body.total).toBe(0);
  });
});
