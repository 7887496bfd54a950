import { detectSkills, type SkillTaxonomy } from '../../../domain/matching/skill-taxonomy.js';
import { invalid } from '../../../errors.js';
import {
  FACETS,
  SEARCH_MAX_WINDOW,
  type SearchDocs,
  type SearchFilter,
  type SearchIndexName,
  type SearchQuery,
  type SearchSort,
} from '../../../ports/search.js';
import { canonicalSkills } from './taxonomy.js';
import { pinyinKeys } from './text-analysis.js';

/**
 * What each index searches, filters, facets and sorts on: one definition that the embedded index
 * reads and the Meilisearch settings are built from, so the two cannot drift.
 * Attributes are fields of the indexed document (the search doc plus derived fields).
 */
export interface IndexSchema {
  /** Searched fields with their weight (the order is Meilisearch's attribute ranking). */
  searchable: ReadonlyArray<{ attribute: string; weight: number }>;
  /** Fields returned in `highlight` (derived pinyin fields light up the name instead). */
  highlighted: readonly string[];
  /** Filter key → attribute. Keys missing here are rejected for this index. */
  filters: Readonly<Partial<Record<keyof SearchFilter, string>>>;
  /** Facet name → attribute. */
  facets: Readonly<Record<string, string>>;
  /** Sort → numeric attribute (descending). */
  sorts: Readonly<Partial<Record<Exclude<SearchSort, 'relevance'>, string>>>;
}

export const SCHEMAS: Readonly<Record<SearchIndexName, IndexSchema>> = {
  craftsmen: {
    searchable: [
      { attribute: 'name', weight: 8 },
      { attribute: 'namePinyin', weight: 8 },
      { attribute: 'skills', weight: 6 },
      { attribute: 'trades', weight: 5 },
      { attribute: 'honorTitles', weight: 3 },
      { attribute: 'studio', weight: 3 },
      { attribute: 'industries', weight: 2 },
      { attribute: 'bio', weight: 1 },
    ],
    highlighted: ['name', 'skills', 'trades', 'honorTitles', 'studio', 'industries', 'bio'],
    filters: {
      regionPath: 'regionPath',
      honorLevel: 'honorLevels',
      skill: 'skillKeys',
      trade: 'trades',
      serviceMode: 'serviceModes',
      status: 'status',
      ids: 'id',
    },
    facets: { honorLevel: 'honorLevels', regionCode: 'regionCode', skill: 'skillKeys', trade: 'trades', serviceMode: 'serviceModes', status: 'status' },
    sorts: { rating: 'rating', completedCount: 'completedCount', createdAt: 'createdAtMs' },
  },
  orders: {
    searchable: [
      { attribute: 'number', weight: 10 },
      { attribute: 'title', weight: 6 },
      { attribute: 'requiredSkills', weight: 6 },
      { attribute: 'enterpriseName', weight: 3 },
      { attribute: 'description', weight: 1 },
    ],
    highlighted: ['number', 'title', 'requiredSkills', 'enterpriseName', 'description'],
    filters: {
      regionPath: 'regionPath',
      skill: 'skillKeys',
      serviceMode: 'preferredModes',
      status: 'status',
      category: 'category',
      urgency: 'urgency',
      enterpriseId: 'enterpriseId',
      craftsmanId: 'craftsmanId',
      ownerId: 'ownerId',
      source: 'source',
      followUp: 'followUpStatus',
      ids: 'id',
    },
    facets: { status: 'status', category: 'category', urgency: 'urgency', regionCode: 'regionCode', skill: 'skillKeys', serviceMode: 'preferredModes' },
    sorts: { rating: 'rating', createdAt: 'createdAtMs' },
  },
  studios: {
    searchable: [
      { attribute: 'name', weight: 8 },
      { attribute: 'specialities', weight: 6 },
      { attribute: 'leadName', weight: 5 },
      { attribute: 'memberNames', weight: 3 },
    ],
    highlighted: ['name', 'specialities', 'leadName', 'memberNames'],
    filters: {
      regionPath: 'regionPath',
      studioLevel: 'level',
      skill: 'skillKeys',
      craftsmanId: 'peopleIds',
      ids: 'id',
    },
    facets: { studioLevel: 'level', regionCode: 'regionCode', skill: 'skillKeys' },
    sorts: { createdAt: 'createdAtMs' },
  },
  cases: {
    searchable: [
      { attribute: 'title', weight: 6 },
      { attribute: 'skills', weight: 6 },
      { attribute: 'problem', weight: 3 },
      { attribute: 'solution', weight: 3 },
      { attribute: 'craftsmanName', weight: 2 },
    ],
    highlighted: ['title', 'skills', 'problem', 'solution', 'craftsmanName'],
    filters: { regionPath: 'regionPath', skill: 'skillKeys', status: 'status', category: 'category', craftsmanId: 'craftsmanId', ids: 'id' },
    facets: { category: 'category', regionCode: 'regionCode', skill: 'skillKeys', status: 'status' },
    sorts: { createdAt: 'createdAtMs' },
  },
};


/** Fields the adapters add to a search doc before indexing; stripped from hits. */
export const DERIVED_ATTRIBUTES = ['skillKeys', 'namePinyin', 'peopleIds'] as const;

export type IndexedDoc = Record<string, unknown> & { id: string; skillKeys: string[]; namePinyin?: string[] };

/**
 * The document as indexed: canonical skills for the `skill` filter and facet (an order that lists
 * none gets those named in its title and description), and pinyin keys of a craftsman's name.
 */
export function toIndexedDoc<I extends SearchIndexName>(index: I, input: SearchDocs[I], taxonomy: SkillTaxonomy): IndexedDoc {
  // Arrays copied: the caller keeps its document and may change it; the index must not change with it.
  const doc = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as SearchDocs[I];
  if (index === 'craftsmen') {
    const craftsman = doc as SearchDocs['craftsmen'];
    return { ...craftsman, skillKeys: canonicalSkills(taxonomy, craftsman.skills), namePinyin: pinyinKeys(craftsman.name) };
  }
  if (index === 'studios') {
    const studio = doc as SearchDocs['studios'];
    return { ...studio, skillKeys: canonicalSkills(taxonomy, studio.specialities), peopleIds: [studio.leadCraftsmanId, ...studio.memberIds] };
  }
  if (index === 'cases') {
    const solved = doc as SearchDocs['cases'];
    const skills = solved.skills.length > 0 ? canonicalSkills(taxonomy, solved.skills) : detectSkills(taxonomy, `${solved.title} ${solved.problem}`);
    return { ...solved, skillKeys: skills };
  }
  const order = doc as SearchDocs['orders'];
  const skills = order.requiredSkills.length > 0 ? canonicalSkills(taxonomy, order.requiredSkills) : detectSkills(taxonomy, `${order.title} ${order.description}`);
  return { ...order, skillKeys: skills };
}

/** The search doc inside an indexed one. */
export function fromIndexedDoc<D>(indexed: Record<string, unknown>): D {
  const { skillKeys: _skills, namePinyin: _pinyin, peopleIds: _people, _formatted: _f, _rankingScore: _r, ...doc } = indexed;
  return doc as D;
}

export interface NormalisedQuery {
  q: string;
  match: 'all' | 'any';
  filter: SearchFilter;
  facets: string[];
  sort: SearchSort;
  limit: number;
  page: number;
  /** Some filter field is an empty list: nothing can match, no backend call needed. */
  matchesNothing: boolean;
}

/** Checks a query against the index's schema (both adapters reject the same things) and canonicalises skill filters. */
export function normaliseQuery(index: SearchIndexName, query: SearchQuery, taxonomy: SkillTaxonomy): NormalisedQuery {
  const schema = SCHEMAS[index];
  const filter: SearchFilter = { ...(query.filter ?? {}) };
  let matchesNothing = false;
  for (const [key, value] of Object.entries(filter) as Array<[keyof SearchFilter, unknown]>) {
    if (value === undefined) continue;
    if (!schema.filters[key]) throw invalid('SEARCH_FILTER_UNSUPPORTED', `索引 ${index} 不支持按 ${key} 筛选`, { index, filter: key });
    if (Array.isArray(value) && value.length === 0) matchesNothing = true;
  }
  if (filter.skill) filter.skill = canonicalSkills(taxonomy, filter.skill);
  const facets = query.facets ?? [];
  const known = FACETS[index];
  for (const facet of facets) {
    if (!known.includes(facet)) throw invalid('SEARCH_FACET_UNSUPPORTED', `索引 ${index} 不支持按 ${facet} 统计`, { index, facet });
  }
  const sort = query.sort ?? 'relevance';
  if (sort !== 'relevance' && !schema.sorts[sort]) throw invalid('SEARCH_SORT_UNSUPPORTED', `索引 ${index} 不支持按 ${sort} 排序`, { index, sort });
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) throw invalid('SEARCH_LIMIT_INVALID', '每页条数应为 1–100', { limit: query.limit });
  const page = query.page ?? 1;
  if (!Number.isInteger(page) || page < 1) throw invalid('SEARCH_PAGE_INVALID', '页码应为正整数', { page });
  return { q: (query.q ?? '').trim(), match: query.match ?? 'all', filter, facets, sort, limit: query.limit, page, matchesNothing };
}

/** Where a page starts and ends in the ranked matches; pages past the window are empty. */
export function pageWindow(query: NormalisedQuery): { start: number; end: number } {
  const start = Math.min((query.page - 1) * query.limit, SEARCH_MAX_WINDOW);
  return { start, end: Math.min(start + query.limit, SEARCH_MAX_WINDOW) };
}
