import type { Settings } from 'meilisearch';
import type { SkillTaxonomy } from '../../../domain/matching/skill-taxonomy.js';
import { SEARCH_MAX_WINDOW, type SearchIndexName } from '../../../ports/search.js';
import { MEILI_POST_TAG, MEILI_PRE_TAG } from '../shared/highlight.js';
import { SCHEMAS, type NormalisedQuery } from '../shared/index-schema.js';
import { synonymGroups } from '../shared/taxonomy.js';
import { buildMeiliFilter } from './meili-filter.js';

/** Attributes written in Chinese: told to Meilisearch so it segments them as Chinese (jieba), not as Japanese kanji. */
const CHINESE_ATTRIBUTES: Record<SearchIndexName, string[]> = {
  craftsmen: ['name', 'skills', 'trades', 'honorTitles', 'studio', 'industries', 'bio'],
  orders: ['title', 'requiredSkills', 'enterpriseName', 'description'],
  studios: ['name', 'specialities', 'leadName', 'memberNames'],
  cases: ['title', 'skills', 'problem', 'solution', 'craftsmanName'],
};

/** Every spelling of a skill finds the others (电焊 ↔ 焊接 ↔ 焊工), both ways, as in the embedded adapter. */
export function buildMeiliSynonyms(taxonomy: SkillTaxonomy): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of synonymGroups(taxonomy)) {
    for (const member of group) {
      const others = group.filter((m) => m !== member);
      synonyms[member] = [...new Set([...(synonyms[member] ?? []), ...others])];
    }
  }
  return synonyms;
}

/** Index settings, applied and awaited at connect and on every rebuild's temporary index. */
export function buildMeiliSettings(index: SearchIndexName, taxonomy: SkillTaxonomy): Settings {
  const schema = SCHEMAS[index];
  return {
    searchableAttributes: schema.searchable.map((s) => s.attribute),
    filterableAttributes: [...new Set([...Object.values(schema.filters), ...Object.values(schema.facets)])],
    sortableAttributes: Object.values(schema.sorts),
    // `sort` first: an explicit sort (rating, completedCount) orders the hits, relevance breaks ties, as in the embedded adapter.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    synonyms: buildMeiliSynonyms(taxonomy),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 500 },
    pagination: { maxTotalHits: SEARCH_MAX_WINDOW },
    localizedAttributes: [{ attributePatterns: CHINESE_ATTRIBUTES[index], locales: ['cmn'] }],
  };
}

/** The search request for a validated query (pure, unit-tested). */
export function buildMeiliSearchParams(index: SearchIndexName, query: NormalisedQuery) {
  const schema = SCHEMAS[index];
  const sortAttribute = query.sort === 'relevance' ? undefined : schema.sorts[query.sort];
  const filter = buildMeiliFilter(index, query.filter);
  return {
    ...(filter ? { filter } : {}),
    ...(sortAttribute ? { sort: [`${sortAttribute}:desc`] } : {}),
    facets: query.facets.map((f) => schema.facets[f]!),
    hitsPerPage: query.limit,
    page: query.page,
    // Every word must match, like the embedded adapter (Meilisearch's default drops words from the end);
    // for similarity any word may, and the `words` ranking rule puts documents matching more of them first.
    matchingStrategy: query.match === 'any' ? ('frequency' as const) : ('all' as const),
    attributesToHighlight: [...schema.highlighted, ...(index === 'craftsmen' ? ['namePinyin'] : [])],
    highlightPreTag: MEILI_PRE_TAG,
    highlightPostTag: MEILI_POST_TAG,
  };
}
