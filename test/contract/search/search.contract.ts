import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import type { CaseSearchDoc, CraftsmanSearchDoc, OrderSearchDoc, SearchPort, StudioSearchDoc } from '../../../src/ports/search.js';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

/** A searchable profile in 522701 (都匀市) with sensible defaults; override what the case is about. */
export function buildCraftsmanDoc(overrides: Partial<CraftsmanSearchDoc> = {}): CraftsmanSearchDoc {
  const createdAt = overrides.createdAt ?? '2026-01-05T08:00:00+08:00';
  return {
    id: nextId('c'),
    name: '王芳',
    regionCode: '522701',
    regionPath: ['520000', '522700', '522701'],
    topHonorLevel: null,
    honorLevels: [],
    honorTitles: [],
    skills: ['数控车床'],
    trades: ['车工'],
    industries: ['装备制造'],
    studio: null,
    serviceModes: ['onsite'],
    bio: '长期在车间一线工作。',
    status: 'active',
    rating: null,
    ratingCount: 0,
    completedCount: 0,
    createdAt,
    createdAtMs: Date.parse(createdAt),
    ...overrides,
  };
}

export function buildOrderDoc(overrides: Partial<OrderSearchDoc> = {}): OrderSearchDoc {
  const createdAt = overrides.createdAt ?? '2026-02-01T09:00:00+08:00';
  return {
    id: nextId('o'),
    number: '',
    title: '反应釜焊缝渗漏需要补焊',
    description: '二号反应釜焊缝出现渗漏，需要有经验的师傅现场处理。',
    enterpriseId: 'e1',
    enterpriseName: '黔南化工有限公司',
    category: 'equipment_repair',
    requiredSkills: ['焊接'],
    regionCode: '522701',
    regionPath: ['520000', '522700', '522701'],
    urgency: 'high',
    preferredModes: ['onsite'],
    status: 'open',
    craftsmanId: null,
    ownerId: null,
    source: 'enterprise',
    followUpStatus: null,
    rating: null,
    expectedBy: null,
    createdAt,
    createdAtMs: Date.parse(createdAt),
    ...overrides,
  };
}

/** A studio in 522701 led by one craftsman with one member. */
export function buildStudioDoc(overrides: Partial<StudioSearchDoc> = {}): StudioSearchDoc {
  const createdAt = overrides.createdAt ?? '2026-03-01T09:00:00+08:00';
  return {
    id: nextId('s'),
    name: '都匀数控创新工作室',
    level: 'county',
    leadCraftsmanId: 'c-lead',
    leadName: '王芳',
    memberIds: ['c-member'],
    memberNames: ['李强'],
    specialities: ['数控车床'],
    regionCode: '522701',
    regionPath: ['520000', '522700', '522701'],
    memberCount: 2,
    createdAt,
    createdAtMs: Date.parse(createdAt),
    ...overrides,
  };
}

/** A published solved case in 522701 (都匀市); override what the case is about. */
export function buildCaseDoc(overrides: Partial<CaseSearchDoc> = {}): CaseSearchDoc {
  const createdAt = overrides.createdAt ?? '2026-03-01T09:00:00+08:00';
  return {
    id: nextId('k'),
    title: '数控车床加工精度偏差',
    problem: '数控车床加工的轴类零件尺寸忽大忽小，精度超差。',
    solution: '重新标定丝杠间隙补偿参数，更换磨损的导轨镶条。',
    craftsmanId: 'c1',
    craftsmanName: '王芳',
    category: 'technical_problem',
    skills: ['数控车床'],
    regionCode: '522701',
    regionPath: ['520000', '522700', '522701'],
    status: 'published',
    createdAt,
    createdAtMs: Date.parse(createdAt),
    ...overrides,
  };
}

const ids = (result: { hits: Array<{ doc: { id: string } }> }) => result.hits.map((h) => h.doc.id);

/**
 * The behaviour the core relies on from any search adapter. `makeSearch` returns a connected adapter
 * with empty indexes of its own, so no case depends on another.
 */
export function searchContract(name: string, makeSearch: () => Promise<SearchPort>) {
  describe(`${name} search`, () => {
    it('when solved cases are searched by a word of their problem or solution, then every word must match and facets count the matches', async () => {
      const search = await makeSearch();
      const weld = buildCaseDoc({ title: '反应釜焊缝渗漏', problem: '反应釜焊缝渗漏，停产检修。', solution: '碳弧气刨清根后重新补焊并做渗透检测。', skills: ['焊接'], category: 'equipment_repair', status: 'excellent' });
      const lathe = buildCaseDoc();
      await search.upsert('cases', [weld, lathe]);
      const found = await search.search('cases', { q: '补焊', facets: ['category', 'skill', 'status'], limit: 10 });
      expect(ids(found)).toEqual([weld.id]);
      expect(found.hits[0]!.doc).toEqual(weld);
      expect(found.facets.status).toEqual({ excellent: 1 });
      expect(found.facets.skill).toEqual({ 焊接: 1 });
      expect((await search.search('cases', { q: '补焊 丝杠', limit: 10 })).total).toBe(0);
      expect(ids(await search.search('cases', { filter: { status: ['excellent'] }, limit: 10 }))).toEqual([weld.id]);
      expect(ids(await search.search('cases', { filter: { craftsmanId: 'c1', regionPath: '522700' }, limit: 10 })).sort()).toEqual([weld.id, lathe.id].sort());
    });

    it('when a similarity query matches any of its words, then the case matching more of them ranks first and one matching none is left out', async () => {
      const search = await makeSearch();
      const both = buildCaseDoc({ title: '反应釜焊缝渗漏', problem: '反应釜焊缝渗漏。', solution: '清根补焊。', skills: ['焊接'] });
      const one = buildCaseDoc({ title: '储罐焊缝开裂', problem: '储罐焊缝开裂。', solution: '打磨补焊。', skills: ['焊接'] });
      const none = buildCaseDoc();
      await search.upsert('cases', [none, one, both]);
      const similar = await search.search('cases', { q: '反应釜 渗漏 焊缝', match: 'any', limit: 10 });
      expect(ids(similar)).toEqual([both.id, one.id]);
      expect(similar.total).toBe(2);
      // The same words under "every word must match" find only the case holding all of them.
      expect(ids(await search.search('cases', { q: '反应釜 渗漏 焊缝', limit: 10 }))).toEqual([both.id]);
    });

    it('when a profile is upserted, then a Chinese skill word finds it and the match is highlighted with <em>', async () => {
      const search = await makeSearch();
      const welder = buildCraftsmanDoc({ name: '张伟', skills: ['焊接'], bio: '从事压力容器焊接二十年，带出徒弟三十余人。' });
      await search.upsert('craftsmen', [welder, buildCraftsmanDoc()]);
      const result = await search.search('craftsmen', { q: '焊接', limit: 10 });
      expect(ids(result)).toEqual([welder.id]);
      expect(result.total).toBe(1);
      expect(result.hits[0]!.highlight.skills).toContain('<em>焊接</em>');
      expect(result.hits[0]!.doc).toEqual(welder);
    });

    it('when a synonym is searched (电焊), then profiles written with the canonical skill (焊接) are found', async () => {
      const search = await makeSearch();
      const welder = buildCraftsmanDoc({ skills: ['焊接'], bio: '擅长各类钢结构施工。' });
      await search.upsert('craftsmen', [welder, buildCraftsmanDoc()]);
      expect(ids(await search.search('craftsmen', { q: '电焊', limit: 10 }))).toEqual([welder.id]);
    });

    it('when a name is typed in full pinyin, initials or with a typo, then the person is found', async () => {
      const search = await makeSearch();
      const zhang = buildCraftsmanDoc({ name: '张伟' });
      await search.upsert('craftsmen', [zhang, buildCraftsmanDoc({ name: '李娜' })]);
      for (const q of ['zhangwei', 'zw', 'zhangwie']) {
        const result = await search.search('craftsmen', { q, limit: 10 });
        expect(ids(result), q).toEqual([zhang.id]);
      }
      const full = await search.search('craftsmen', { q: 'zhangwei', limit: 10 });
      expect(full.hits[0]!.highlight.name).toBe('<em>张伟</em>');
    });

    it('when filtering by a prefecture, then its counties are included; a sibling county is not', async () => {
      const search = await makeSearch();
      const duyun = buildCraftsmanDoc({ skills: ['电工'] });
      await search.upsert('craftsmen', [duyun]);
      expect(ids(await search.search('craftsmen', { q: '电工', filter: { regionPath: '522700' }, limit: 10 }))).toEqual([duyun.id]);
      expect(ids(await search.search('craftsmen', { q: '电工', filter: { regionPath: '522701' }, limit: 10 }))).toEqual([duyun.id]);
      expect((await search.search('craftsmen', { q: '电工', filter: { regionPath: '522702' }, limit: 10 })).total).toBe(0);
    });

    it('when facets are asked with a filter, then they count only the filtered matches', async () => {
      const search = await makeSearch();
      const fuquan = { regionCode: '522702', regionPath: ['520000', '522700', '522702'] };
      await search.upsert('craftsmen', [
        buildCraftsmanDoc({ skills: ['焊接'], honorLevels: ['national', 'provincial'], topHonorLevel: 'national' }),
        buildCraftsmanDoc({ skills: ['焊接', '电工'], serviceModes: ['remote'] }),
        buildCraftsmanDoc({ skills: ['焊接'], ...fuquan }),
        buildCraftsmanDoc({ skills: ['电工'], status: 'suspended' }),
      ]);
      const result = await search.search('craftsmen', {
        filter: { regionPath: '522701', status: ['active'] },
        facets: ['skill', 'regionCode', 'honorLevel', 'serviceMode'],
        limit: 10,
      });
      expect(result.total).toBe(2);
      expect(result.facets.skill).toEqual({ 焊接: 2, 电工: 1 });
      expect(result.facets.regionCode).toEqual({ '522701': 2 });
      expect(result.facets.honorLevel).toEqual({ national: 1, provincial: 1 });
      expect(result.facets.serviceMode).toEqual({ onsite: 1, remote: 1 });
    });

    it('when the skill filter is given a synonym, then it filters by the canonical skill', async () => {
      const search = await makeSearch();
      const welder = buildCraftsmanDoc({ skills: ['电焊'] });
      await search.upsert('craftsmen', [welder, buildCraftsmanDoc()]);
      const result = await search.search('craftsmen', { filter: { skill: ['焊接'] }, facets: ['skill'], limit: 10 });
      expect(ids(result)).toEqual([welder.id]);
      expect(result.facets.skill).toEqual({ 焊接: 1 });
    });

    it('when sorting by rating or completedCount, then the best come first and the unrated last', async () => {
      const search = await makeSearch();
      const a = buildCraftsmanDoc({ skills: ['钳工'], rating: 4.2, completedCount: 30 });
      const b = buildCraftsmanDoc({ skills: ['钳工'], rating: 4.9, completedCount: 3 });
      const c = buildCraftsmanDoc({ skills: ['钳工'], rating: null, completedCount: 12 });
      await search.upsert('craftsmen', [a, b, c]);
      expect(ids(await search.search('craftsmen', { q: '钳工', sort: 'rating', limit: 10 }))).toEqual([b.id, a.id, c.id]);
      expect(ids(await search.search('craftsmen', { q: '钳工', sort: 'completedCount', limit: 10 }))).toEqual([a.id, c.id, b.id]);
      expect(ids(await search.search('craftsmen', { sort: 'rating', limit: 10 }))).toEqual([b.id, a.id, c.id]);
    });

    it('when a document is removed, then searches stop returning it', async () => {
      const search = await makeSearch();
      const gone = buildCraftsmanDoc({ skills: ['管道安装'] });
      await search.upsert('craftsmen', [gone]);
      await search.remove('craftsmen', [gone.id, 'never-indexed']);
      expect((await search.search('craftsmen', { q: '管道安装', limit: 10 })).total).toBe(0);
    });

    it('when a changed profile is upserted (suspended), then the status filter leaves it out and the new text is searched', async () => {
      const search = await makeSearch();
      const profile = buildCraftsmanDoc({ skills: ['电工'] });
      await search.upsert('craftsmen', [profile]);
      await search.upsert('craftsmen', [{ ...profile, status: 'suspended', skills: ['钳工'] }]);
      expect((await search.search('craftsmen', { q: '电工', limit: 10 })).total).toBe(0);
      expect((await search.search('craftsmen', { q: '钳工', filter: { status: ['active'] }, limit: 10 })).total).toBe(0);
      const found = await search.search('craftsmen', { q: '钳工', filter: { status: ['suspended'] }, limit: 10 });
      expect(found.hits.map((h) => h.doc.status)).toEqual(['suspended']);
    });

    it('when a profile is upserted again unchanged, then its own words, alone or with a filter, still find it', async () => {
      const search = await makeSearch();
      const profile = buildCraftsmanDoc({ name: '韦秀英', skills: ['刺绣'] });
      await search.upsert('craftsmen', [profile]);
      await search.upsert('craftsmen', [profile]);
      await search.upsert('craftsmen', [profile]);
      expect(ids(await search.search('craftsmen', { q: '韦秀英', limit: 10 }))).toEqual([profile.id]);
      expect(ids(await search.search('craftsmen', { q: '刺绣', filter: { regionPath: '522701' }, limit: 10 }))).toContain(profile.id);
    });

    it('when a filter value carries filter syntax, then it is one literal value and matches nothing', async () => {
      const search = await makeSearch();
      await search.upsert('craftsmen', [buildCraftsmanDoc({ status: 'suspended' }), buildCraftsmanDoc()]);
      const hostile = await search.search('craftsmen', { filter: { status: ['" OR status = "suspended', 'x\\" OR id EXISTS'] }, limit: 10 });
      expect(hostile.total).toBe(0);
    });

    it('when a filter list is empty, then nothing matches (a scope that allows nothing shows nothing)', async () => {
      const search = await makeSearch();
      await search.upsert('craftsmen', [buildCraftsmanDoc()]);
      const result = await search.search('craftsmen', { filter: { regionPath: '522701', ids: [] }, facets: ['status'], limit: 10 });
      expect(result).toEqual({ hits: [], total: 0, facets: { status: {} } });
    });

    it('when paging, then pages do not overlap and total counts every match', async () => {
      const search = await makeSearch();
      const docs = Array.from({ length: 25 }, (_, i) => buildCraftsmanDoc({ skills: ['木工'], completedCount: i }));
      await search.upsert('craftsmen', docs);
      const pages = await Promise.all([1, 2, 3].map((page) => search.search('craftsmen', { q: '木工', sort: 'completedCount', limit: 10, page })));
      expect(pages.map((p) => p.total)).toEqual([25, 25, 25]);
      expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
      const seen = pages.flatMap(ids);
      expect(new Set(seen).size).toBe(25);
      expect(seen[0]).toBe(docs[24]!.id);
    });

    it('when an index is rebuilt, then it is swapped in whole and writes made meanwhile survive', async () => {
      const search = await makeSearch();
      const old = buildCraftsmanDoc({ skills: ['电工'] });
      await search.upsert('craftsmen', [old]);
      const fresh = Array.from({ length: 3 }, () => buildCraftsmanDoc({ skills: ['电工'] }));
      const lateArrival = buildCraftsmanDoc({ skills: ['电工'] });
      async function* source() {
        yield fresh[0]!;
        // Still answering from the old index while the new one is built.
        expect(ids(await search.search('craftsmen', { q: '电工', limit: 10 }))).toContain(old.id);
        await search.upsert('craftsmen', [lateArrival]);
        yield* fresh.slice(1);
      }
      const progress: number[] = [];
      const { indexed } = await search.rebuild('craftsmen', source(), (p) => progress.push(p.indexed));
      expect(indexed).toBe(3);
      expect(progress.at(-1)).toBe(3);
      const after = await search.search('craftsmen', { q: '电工', limit: 10 });
      expect(new Set(ids(after))).toEqual(new Set([...fresh.map((d) => d.id), lateArrival.id]));
    });

    it('when orders are searched, then text, enterprise scope and status facets work on the orders index', async () => {
      const search = await makeSearch();
      const mine = buildOrderDoc({ enterpriseId: 'e-mine' });
      const closed = buildOrderDoc({ enterpriseId: 'e-mine', status: 'closed', title: '车间照明线路改造', description: '老旧照明线路需要整体更换。', requiredSkills: ['电工'] });
      await search.upsert('orders', [mine, closed, buildOrderDoc({ enterpriseId: 'e-other' })]);
      const result = await search.search('orders', { q: '焊缝', filter: { enterpriseId: 'e-mine' }, facets: ['status', 'category'], limit: 10 });
      expect(ids(result)).toEqual([mine.id]);
      expect(result.facets).toEqual({ status: { open: 1 }, category: { equipment_repair: 1 } });
      const all = await search.search('orders', { filter: { enterpriseId: 'e-mine' }, facets: ['status'], limit: 10 });
      expect(all.facets.status).toEqual({ open: 1, closed: 1 });
      expect(all.hits[0]!.highlight).toEqual({});
    });

    it('when orders are searched by owner, source and follow-up state, then each filter applies with the text', async () => {
      const search = await makeSearch();
      const mineHotline = buildOrderDoc({ ownerId: 'usr-a', source: 'hotline', followUpStatus: 'due' });
      const mineOnline = buildOrderDoc({ ownerId: 'usr-a', source: 'enterprise', followUpStatus: null });
      const theirs = buildOrderDoc({ ownerId: 'usr-b', source: 'hotline', followUpStatus: 'due' });
      await search.upsert('orders', [mineHotline, mineOnline, theirs]);
      expect(ids(await search.search('orders', { q: '焊缝', filter: { ownerId: 'usr-a' }, limit: 10 })).sort()).toEqual([mineHotline.id, mineOnline.id].sort());
      expect(ids(await search.search('orders', { q: '焊缝', filter: { ownerId: 'usr-a', source: ['hotline'] }, limit: 10 }))).toEqual([mineHotline.id]);
      expect(ids(await search.search('orders', { q: '焊缝', filter: { followUp: ['due'] }, limit: 10 })).sort()).toEqual([mineHotline.id, theirs.id].sort());
      expect(ids(await search.search('orders', { q: '焊缝', filter: { ownerId: 'usr-b', followUp: ['answered'] }, limit: 10 }))).toEqual([]);
    });

    it('when an order number is searched, then the order with that number comes first', async () => {
      const search = await makeSearch();
      const wanted = buildOrderDoc({ number: '黔南-2026-0042' });
      const neighbours = [buildOrderDoc({ number: '黔南-2026-0041' }), buildOrderDoc({ number: '黔南-2026-0043' }), buildOrderDoc({ number: '黔南-2025-0042', title: '黔南 2026 年度设备检修' })];
      await search.upsert('orders', [...neighbours, wanted]);
      const result = await search.search('orders', { q: '黔南-2026-0042', limit: 10 });
      expect(ids(result)[0]).toBe(wanted.id);
    });

    it('when a query asks for something the index cannot do, then it is refused as invalid', async () => {
      const search = await makeSearch();
      await expect(search.search('orders', { filter: { honorLevel: ['national'] }, limit: 10 })).rejects.toMatchObject({ kind: 'invalid', code: 'SEARCH_FILTER_UNSUPPORTED' });
      await expect(search.search('orders', { sort: 'completedCount', limit: 10 })).rejects.toBeInstanceOf(AppError);
      await expect(search.search('craftsmen', { limit: 500 })).rejects.toMatchObject({ code: 'SEARCH_LIMIT_INVALID' });
    });

    it('when studios are indexed, then a speciality synonym, the lead and a member name find them, with the studio highlighted', async () => {
      const search = await makeSearch();
      const welding = buildStudioDoc({ name: '罗建国劳模创新工作室', specialities: ['焊接'], leadName: '罗建国', memberNames: ['杨秀英'] });
      await search.upsert('studios', [welding, buildStudioDoc()]);
      expect(ids(await search.search('studios', { q: '电焊', limit: 10 }))).toEqual([welding.id]);
      expect(ids(await search.search('studios', { q: '杨秀英', limit: 10 }))).toEqual([welding.id]);
      const byLead = await search.search('studios', { q: '罗建国', limit: 10 });
      expect(ids(byLead)).toEqual([welding.id]);
      expect(byLead.hits[0]!.doc).toEqual(welding);
      expect(JSON.stringify(byLead.hits[0]!.highlight)).toContain('<em>');
    });

    it('when studios are filtered by level, skill, region and person, then only those count in total and facets', async () => {
      const search = await makeSearch();
      const county = buildStudioDoc({ level: 'county', leadCraftsmanId: 'c-a', memberIds: ['c-b'] });
      const national = buildStudioDoc({ name: '大国工匠焊接工作室', level: 'national', specialities: ['焊接'], leadCraftsmanId: 'c-b', memberIds: [], regionCode: '522702', regionPath: ['520000', '522700', '522702'] });
      await search.upsert('studios', [county, national]);
      const all = await search.search('studios', { filter: { regionPath: '522700' }, facets: ['studioLevel', 'skill', 'regionCode'], limit: 10 });
      expect(all.total).toBe(2);
      expect(all.facets).toEqual({ studioLevel: { county: 1, national: 1 }, skill: { 数控车削: 1, 焊接: 1 }, regionCode: { '522701': 1, '522702': 1 } });
      expect(ids(await search.search('studios', { filter: { studioLevel: ['national'] }, limit: 10 }))).toEqual([national.id]);
      expect(ids(await search.search('studios', { filter: { skill: ['电焊'] }, limit: 10 }))).toEqual([national.id]);
      expect(ids(await search.search('studios', { filter: { regionPath: '522701' }, limit: 10 }))).toEqual([county.id]);
      // A person is found in the studios it leads and those it belongs to.
      expect(ids(await search.search('studios', { filter: { craftsmanId: 'c-b' }, sort: 'createdAt', limit: 10 })).sort()).toEqual([county.id, national.id].sort());
      expect(ids(await search.search('studios', { filter: { craftsmanId: 'c-a' }, limit: 10 }))).toEqual([county.id]);
      await search.remove('studios', [county.id]);
      expect((await search.search('studios', { filter: { craftsmanId: 'c-a' }, limit: 10 })).total).toBe(0);
      await expect(search.search('studios', { filter: { honorLevel: ['national'] }, limit: 10 })).rejects.toMatchObject({ code: 'SEARCH_FILTER_UNSUPPORTED' });
      await expect(search.search('studios', { sort: 'rating', limit: 10 })).rejects.toMatchObject({ code: 'SEARCH_SORT_UNSUPPORTED' });
    });

    it('when the backend is up, then ping answers true', async () => {
      const search = await makeSearch();
      expect(await search.ping()).toBe(true);
    });
  });
}
