/**
 * Search port: full-text search with structured filters, facets and sorts over three indexes,
 * `craftsmen` (the talent pool, 人才库), `orders` (需求单), `studios` (工作室) and `cases` (solved cases, 案例库).
 * Adapters: embedded (an in-process inverted index over jieba tokens and pinyin keys, the default)
 * and meilisearch (when `MEILI_URL` is set). Both pass `test/contract/search/search.contract.ts`.
 *
 * Text semantics both adapters share:
 * - Chinese is segmented with jieba; every query word must match (Meilisearch `matchingStrategy: all`),
 *   unless the query asks for `match: 'any'` (similarity): then any word matches and documents matching
 *   more of the words rank first (Meilisearch `matchingStrategy: frequency`, ranking rule `words`);
 * - a skill spelling matches its whole synonym group from the skill taxonomy (电焊 finds 焊接);
 * - names match by pinyin, initials and syllables (zhangwei, zw, zhang wei → 张伟);
 * - Latin/pinyin words of ≥ 5 letters tolerate one typo (≥ 9 letters: two); the last word also matches as a prefix;
 * - filters are exact and applied before counting, so `total` and facets only count what the filter lets through.
 */
import { topHonor, honorLevels, type Craftsman, type HonorLevel } from '../domain/craftsmen/craftsman.js';
import type { FollowUpStatus } from '../domain/orders/follow-up.js';
import { sourceOf, type Order, type OrderCategory, type OrderSource, type OrderStatus, type Urgency } from '../domain/orders/order.js';
import type { ServiceMode } from '../domain/shared/values.js';
import type { Studio, StudioLevel } from '../domain/studios/studio.js';

import { caseSearchStatus, type SolvedCase } from '../domain/cases/solved-case.js';

export type SearchIndexName = 'craftsmen' | 'orders' | 'studios' | 'cases';

/** What the craftsmen index holds: the profile without contact data (phones never enter a search index). */
export interface CraftsmanSearchDoc {
  id: string;
  name: string;
  regionCode: string;
  /** Province, prefecture and county codes: a prefecture filter finds its counties. */
  regionPath: string[];
  /** The best honour level held (全国 first), null without honours. */
  topHonorLevel: HonorLevel | null;
  /** Every honour level held, best first, without repeats. */
  honorLevels: HonorLevel[];
  honorTitles: string[];
  /** Skill names as the craftsman wrote them; adapters also index their canonical names for the `skill` filter and facet. */
  skills: string[];
  trades: string[];
  industries: string[];
  studio: string | null;
  serviceModes: ServiceMode[];
  bio: string;
  status: Craftsman['status'];
  rating: number | null;
  ratingCount: number;
  completedCount: number;
  createdAt: string;
  /** `createdAt` as epoch milliseconds: sorts correctly whatever offset the string carries. */
  createdAtMs: number;
}

/** What the orders index holds: enough to list and find requests without loading them. */
export interface OrderSearchDoc {
  id: string;
  /** 需求单编号; empty for an order not yet numbered. */
  number: string;
  title: string;
  description: string;
  enterpriseId: string;
  enterpriseName: string;
  category: OrderCategory;
  requiredSkills: string[];
  regionCode: string;
  regionPath: string[];
  urgency: Urgency;
  preferredModes: ServiceMode[];
  status: OrderStatus;
  craftsmanId: string | null;
  /** 责任人: the staff login answering for it. */
  ownerId: string | null;
  /** 需求来源 (`enterprise` for orders stored before sources were recorded). */
  source: OrderSource;
  /** 回访 state, or null before the first close. */
  followUpStatus: FollowUpStatus | null;
  rating: number | null;
  expectedBy: string | null;
  createdAt: string;
  createdAtMs: number;
}

/** What the studios index holds: the studio with the names of its people (found by a member's name). */
export interface StudioSearchDoc {
  id: string;
  name: string;
  level: StudioLevel;
  leadCraftsmanId: string;
  leadName: string;
  memberIds: string[];
  memberNames: string[];
  /** Specialities as written; adapters also index their canonical skills for the `skill` filter and facet. */
  specialities: string[];
  regionCode: string;
  regionPath: string[];
  memberCount: number;
  createdAt: string;
  createdAtMs: number;
}

/** What the cases index holds: the published text, never contact details (they are not in a case at all). */
export interface CaseSearchDoc {
  id: string;
  title: string;
  problem: string;
  solution: string;
  craftsmanId: string;
  craftsmanName: string;
  category: OrderCategory;
  skills: string[];
  regionCode: string;
  regionPath: string[];
  /** `excellent` for 优秀案例, `published` otherwise: filtered and faceted as `status`. */
  status: 'published' | 'excellent';
  createdAt: string;
  createdAtMs: number;
}

export interface SearchDocs {
  craftsmen: CraftsmanSearchDoc;
  orders: OrderSearchDoc;
  studios: StudioSearchDoc;
  cases: CaseSearchDoc;
}

/**
 * Exact, structured filters (never a query string). Fields AND together; the values of one array
 * field OR together; an empty array matches nothing (a scope that allows nothing shows nothing).
 * A field the index does not have (honorLevel on orders) is rejected with `SEARCH_FILTER_UNSUPPORTED`.
 * Access scope is expressed with the same fields: the service ANDs the caller's scope in.
 */
export interface SearchFilter {
  /** A region code anywhere on the document's path: 522700 finds the profiles of every county under it. */
  regionPath?: string;
  /** Craftsmen holding an honour of any of these levels. */
  honorLevel?: string[];
  /** Studios only: recognised at any of these levels. */
  studioLevel?: string[];
  /** Canonical skill names (a synonym is canonicalised first: 电焊 filters as 焊接). Orders: `requiredSkills`. */
  skill?: string[];
  /** Craftsmen only. */
  trade?: string[];
  /** Craftsmen: `serviceModes`; orders: `preferredModes`. */
  serviceMode?: string[];
  status?: string[];
  /** Orders only. */
  category?: string[];
  /** Orders only. */
  urgency?: string[];
  /** Orders only: one enterprise's requests. */
  enterpriseId?: string;
  /** Orders: the requests a craftsman took; studios: those it leads or belongs to; cases: the cases a craftsman solved. */
  craftsmanId?: string;
  /** Orders only: one staff login's cases (责任人). */
  ownerId?: string;
  /** Orders only: where the needs came from. */
  source?: string[];
  /** Orders only: follow-up states (`due`: waiting for the survey). */
  followUp?: string[];
  /** Only these documents. */
  ids?: string[];
}

export type CraftsmanFacet = 'honorLevel' | 'regionCode' | 'skill' | 'trade' | 'serviceMode' | 'status';
export type OrderFacet = 'status' | 'category' | 'urgency' | 'regionCode' | 'skill' | 'serviceMode';
export type StudioFacet = 'studioLevel' | 'regionCode' | 'skill';
export type CaseFacet = 'category' | 'regionCode' | 'skill' | 'status';
export interface SearchFacets {
  craftsmen: CraftsmanFacet;
  orders: OrderFacet;
  studios: StudioFacet;
  cases: CaseFacet;
}
export const caseFacets: readonly CaseFacet[] = ['category', 'regionCode', 'skill', 'status'];
export const craftsmanFacets: readonly CraftsmanFacet[] = ['honorLevel', 'regionCode', 'skill', 'trade', 'serviceMode', 'status'];
export const orderFacets: readonly OrderFacet[] = ['status', 'category', 'urgency', 'regionCode', 'skill', 'serviceMode'];
export const studioFacets: readonly StudioFacet[] = ['studioLevel', 'regionCode', 'skill'];
/** The facets each index counts. */
export const FACETS: Readonly<Record<SearchIndexName, readonly string[]>> = { craftsmen: craftsmanFacets, orders: orderFacets, studios: studioFacets, cases: caseFacets };

/**
 * `relevance` (the default) ranks by text match; with an empty `q` it is index order.
 * The others sort descending (best, busiest, newest first), documents without a value last, then by relevance.
 * `completedCount` exists on craftsmen only (`SEARCH_SORT_UNSUPPORTED` on orders); studios sort by `createdAt` only.
 */
export type SearchSort = 'relevance' | 'rating' | 'completedCount' | 'createdAt';

/** Deepest result a search serves: `page * limit` beyond this returns no hits (total still counts up to here). */
export const SEARCH_MAX_WINDOW = 100_000;

export interface SearchQuery<F extends string = string> {
  /** Free text; empty or absent = browse (filter and sort only). */
  q?: string;
  /**
   * `all` (default): every word must match. `any`: a document matching any word is found, those matching
   * more words first — for similarity, where `q` holds a few key words of a text.
   */
  match?: 'all' | 'any';
  filter?: SearchFilter;
  /** Facets to count over the filtered matches. */
  facets?: F[];
  sort?: SearchSort;
  /** Hits per page, 1–100. */
  limit: number;
  /** 1-based, default 1. */
  page?: number;
}

export interface SearchHit<D> {
  doc: D;
  /** Searchable fields that matched, HTML-escaped, with the matched words in `<em>…</em>`; arrays joined with 、. */
  highlight: Record<string, string>;
}

export interface SearchResult<D, F extends string = string> {
  hits: SearchHit<D>[];
  /** How many documents match the query and filter (exact, up to SEARCH_MAX_WINDOW). */
  total: number;
  /** For each requested facet: value → how many matching documents carry it (absent values are left out). */
  facets: Partial<Record<F, Record<string, number>>>;
}

export interface RebuildProgress {
  index: SearchIndexName;
  indexed: number;
}

export interface SearchPort {
  /** `embedded` or `meilisearch`: shown on /readyz. */
  readonly adapter: 'embedded' | 'meilisearch';
  /**
   * Adds or replaces documents by `id`. Resolves once searches see them (Meilisearch: the task succeeded);
   * a failed task throws an AppError (`unavailable`). Idempotent: replaying the same docs changes nothing.
   */
  upsert<I extends SearchIndexName>(index: I, docs: SearchDocs[I][]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. Resolves once searches no longer return them. */
  remove(index: SearchIndexName, ids: string[]): Promise<void>;
  /** One page of matches with the total and the facets, both counted over the filtered matches only. */
  search<I extends SearchIndexName>(index: I, query: SearchQuery<SearchFacets[I]>): Promise<SearchResult<SearchDocs[I], SearchFacets[I]>>;
  /**
   * Builds a fresh index from `docs` and swaps it in atomically: searches keep answering from the old one
   * until the swap (Meilisearch: a temporary index and `swapIndexes`). Upserts and removals made through
   * this adapter while it runs are replayed onto the new index before the swap. Resolves with the count indexed.
   */
  rebuild<I extends SearchIndexName>(
    index: I,
    docs: Iterable<SearchDocs[I]> | AsyncIterable<SearchDocs[I]>,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ indexed: number }>;
  /** Creates the indexes and applies their settings, awaiting them. Throws with what to check when the backend is unreachable. */
  connect(): Promise<void>;
  /** Whether the backend answers now. */
  ping(): Promise<boolean>;
  /** Releases resources; the embedded index is memory only and is rebuilt from the store at start (`npm run reindex`). */
  close(): Promise<void>;
}

const timestamp = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/** The search projection of a craftsman (pure): no phone, honours reduced to levels and titles. */
export function toCraftsmanSearchDoc(craftsman: Craftsman): CraftsmanSearchDoc {
  const held = new Set(craftsman.honors.map((h) => h.level));
  return {
    id: craftsman._id,
    name: craftsman.name,
    regionCode: craftsman.regionCode,
    regionPath: [...craftsman.regionPath],
    topHonorLevel: topHonor(craftsman.honors)?.level ?? null,
    honorLevels: honorLevels.filter((level) => held.has(level)),
    honorTitles: craftsman.honors.map((h) => h.title),
    skills: craftsman.skills.map((s) => s.name),
    trades: [...craftsman.trades],
    industries: [...craftsman.industries],
    studio: craftsman.studio,
    serviceModes: [...craftsman.serviceModes],
    bio: craftsman.bio,
    status: craftsman.status,
    rating: craftsman.rating,
    ratingCount: craftsman.ratingCount,
    completedCount: craftsman.completedCount,
    createdAt: craftsman.createdAt,
    createdAtMs: timestamp(craftsman.createdAt),
  };
}

/** The search projection of an order (pure): no timeline, no offers. */
export function toOrderSearchDoc(order: Order): OrderSearchDoc {
  return {
    id: order._id,
    number: order.number ?? '',
    title: order.title,
    description: order.description,
    enterpriseId: order.enterpriseId,
    enterpriseName: order.enterpriseName,
    category: order.category,
    requiredSkills: [...order.requiredSkills],
    regionCode: order.regionCode,
    regionPath: [...order.regionPath],
    urgency: order.urgency,
    preferredModes: [...order.preferredModes],
    status: order.status,
    craftsmanId: order.craftsmanId,
    ownerId: order.ownerId ?? null,
    source: sourceOf(order),
    followUpStatus: order.followUp?.status ?? null,
    rating: order.rating,
    expectedBy: order.expectedBy,
    createdAt: order.createdAt,
    createdAtMs: timestamp(order.createdAt),
  };
}

/** The search projection of a studio (pure): names of its lead and members looked up by the caller. */
export function toStudioSearchDoc(studio: Studio, names: ReadonlyMap<string, string>): StudioSearchDoc {
  return {
    id: studio._id,
    name: studio.name,
    level: studio.level,
    leadCraftsmanId: studio.leadCraftsmanId,
    leadName: names.get(studio.leadCraftsmanId) ?? '',
    memberIds: [...studio.memberIds],
    memberNames: studio.memberIds.map((id) => names.get(id) ?? '').filter(Boolean),
    specialities: [...studio.specialities],
    regionCode: studio.regionCode,
    regionPath: [...studio.regionPath],
    memberCount: 1 + studio.memberIds.length,
    createdAt: studio.createdAt,
    createdAtMs: timestamp(studio.createdAt),
  };
}

/** The search projection of a solved case (pure). */
export function toCaseSearchDoc(solved: SolvedCase): CaseSearchDoc {
  return {
    id: solved._id,
    title: solved.title,
    problem: solved.problem,
    solution: solved.solution,
    craftsmanId: solved.craftsman.id,
    craftsmanName: solved.craftsman.name,
    category: solved.category,
    skills: [...solved.skills],
    regionCode: solved.regionCode,
    regionPath: [...solved.regionPath],
    status: caseSearchStatus(solved),
    createdAt: solved.publishedAt,
    createdAtMs: timestamp(solved.publishedAt),
  };
}
