import { describe, expect, it } from 'vitest';
import { buildMeiliSearchParams, buildMeiliSettings, buildMeiliSynonyms } from '../../../src/adapters/search/meilisearch-search/meili-settings.js';
import { fromMeiliResponse } from '../../../src/adapters/search/meilisearch-search/meili-results.js';
import { normaliseQuery } from '../../../src/adapters/search/shared/index-schema.js';
import { buildSkillTaxonomy } from '../../../src/domain/matching/skill-taxonomy.js';

const taxonomy = buildSkillTaxonomy({
  skills: [
    { name: '焊接', synonyms: ['电焊', '气焊'], related: [], trades: ['焊工'] },
    { name: '电工', synonyms: ['维修电工'], related: [], trades: ['电工'] },
  ],
});

describe('Meilisearch settings', () => {
  it('when built for craftsmen, then pinyin is searchable, filters and facets are filterable and sorts are sortable', () => {
    const settings = buildMeiliSettings('craftsmen', taxonomy);
    expect(settings.searchableAttributes?.slice(0, 3)).toEqual(['name', 'namePinyin', 'skills']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['regionPath', 'regionCode', 'honorLevels', 'skillKeys', 'serviceModes', 'status', 'id']));
    expect(settings.sortableAttributes).toEqual(['rating', 'completedCount', 'createdAtMs']);
    expect(settings.rankingRules?.[0]).toBe('sort');
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(settings.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(100);
  });

  it('when built for orders, then completedCount is not sortable and enterprise scope is filterable', () => {
    const settings = buildMeiliSettings('orders', taxonomy);
    expect(settings.sortableAttributes).toEqual(['rating', 'createdAtMs']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['enterpriseId', 'craftsmanId', 'category', 'urgency', 'preferredModes']));
  });

  it('when synonyms are built, then every spelling of a group finds every other, both ways', () => {
    const synonyms = buildMeiliSynonyms(taxonomy);
    expect(new Set(synonyms['电焊'])).toEqual(new Set(['焊接', '气焊']));
    expect(new Set(synonyms['焊接'])).toEqual(new Set(['电焊', '气焊']));
    expect(synonyms['维修电工']).toEqual(['电工']);
  });
});

describe('Meilisearch requests and responses', () => {
  it('when a sorted, filtered, faceted page is asked, then the request says so with every word required', () => {
    const query = normaliseQuery('craftsmen', { q: '电焊', filter: { skill: ['电焊'], regionPath: '522700' }, facets: ['skill', 'honorLevel'], sort: 'rating', limit: 20, page: 2 }, taxonomy);
    expect(buildMeiliSearchParams('craftsmen', query)).toMatchObject({
      filter: 'skillKeys = "焊接" AND regionPath = "522700"',
      sort: ['rating:desc'],
      facets: ['skillKeys', 'honorLevels'],
      hitsPerPage: 20,
      page: 2,
      matchingStrategy: 'all',
    });
  });

  it('when a similarity query over cases is asked, then any word may match and the words rule ranks those matching more first', () => {
    const query = normaliseQuery('cases', { q: '反应釜 焊缝 渗漏', match: 'any', filter: { regionPath: '522700', status: ['excellent'] }, facets: ['status'], limit: 5 }, taxonomy);
    expect(buildMeiliSearchParams('cases', query)).toMatchObject({ filter: 'regionPath = "522700" AND status = "excellent"', matchingStrategy: 'frequency', facets: ['status'] });
    const settings = buildMeiliSettings('cases', taxonomy);
    expect(settings.rankingRules?.indexOf('words')).toBeLessThan(settings.rankingRules?.indexOf('attribute') ?? -1);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['regionPath', 'status', 'craftsmanId', 'skillKeys']));
  });

  it('when a response comes back, then highlights are escaped with <em>, facets renamed and derived fields stripped', () => {
    const response = {
      hits: [
        {
          id: 'c1', name: '张伟', bio: '<b>焊接</b>', skillKeys: ['焊接'], namePinyin: ['zhangwei'],
          _formatted: { name: '张伟', bio: '<b>\uE000焊接\uE001</b>', namePinyin: ['\uE000zhangwei\uE001'], skills: ['\uE000焊接\uE001', '电工'] },
        },
      ],
      totalHits: 7,
      facetDistribution: { skillKeys: { 焊接: 7 } },
    };
    const result = fromMeiliResponse('craftsmen', response, ['skill']);
    expect(result.total).toBe(7);
    expect(result.facets).toEqual({ skill: { 焊接: 7 } });
    expect(result.hits[0]!.doc).toEqual({ id: 'c1', name: '张伟', bio: '<b>焊接</b>' });
    expect(result.hits[0]!.highlight).toEqual({ bio: '&lt;b&gt;<em>焊接</em>&lt;/b&gt;', skills: '<em>焊接</em>、电工', name: '<em>张伟</em>' });
  });
});
