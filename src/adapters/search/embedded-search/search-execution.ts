import type { SearchSort } from '../../../ports/search.js';
import type { NormalisedQuery } from '../shared/index-schema.js';
import type { QueryTerm } from '../shared/text-analysis.js';
import { filterSet } from './filter-set.js';
import type { InvertedIndex } from './inverted-index.js';
import { containsDocNo, findWeight } from './postings.js';
import { resolveTerm, type ResolvedTerm } from './term-resolution.js';
import { topK } from './top-k.js';

export interface Ranked {
  docNo: number;
  score: number;
}

export interface Execution {
  /** The requested page, best first. */
  page: Ranked[];
  total: number;
  facets: Record<string, Record<string, number>>;
  /** Index tokens the query matched through (for highlights). */
  matchedTokens: string[];
}

/** How much one document earns for a word: the best alternative it matches, 0 when none. */
function termScore(term: ResolvedTerm, docNo: number): number {
  let best = 0;
  for (const alternative of term.alternatives) {
    const weight = findWeight(alternative.entries, docNo);
    // Field weight saturates: a word repeated in a long bio must not outrank it in the name.
    if (weight >= 0) best = Math.max(best, alternative.worth * (weight / (weight + 2)));
  }
  return best;
}

/**
 * Runs a query on one index. The cheapest candidate source drives — the filtered set, or the postings
 * of the rarest query word — and every other word (including very common ones like 企业 or 从事) is only
 * probed by binary search for those candidates, never walked. Only the page is fully sorted (a bounded
 * heap); total and facets count every match.
 */
export function execute(index: InvertedIndex, query: NormalisedQuery, terms: QueryTerm[], window: { start: number; end: number }): Execution {
  if (query.match === 'any' && terms.length > 0) return executeAny(index, query, terms, window);
  const allowed = filterSet(index, query.filter);
  const resolved = terms.map((t) => resolveTerm(index, t)).sort((a, b) => a.reach - b.reach);
  const matchedTokens = resolved.flatMap((t) => t.alternatives.flatMap((a) => a.tokens));
  const docNos: number[] = [];
  const scores: number[] = [];

  let scorers: Array<(docNo: number) => number> = [];
  const scoreAll = (docNo: number, skip: ResolvedTerm | null, start: number) => {
    let score = start;
    for (let t = 0; t < resolved.length; t += 1) {
      if (resolved[t] === skip) continue;
      const s = scorers[t]!(docNo);
      if (s === 0) return;
      score += s;
    }
    docNos.push(docNo);
    scores.push(score);
  };

  if (resolved.some((t) => t.alternatives.length === 0)) {
    // A word that matches nothing: under "every word must match" nothing does.
  } else if (resolved.length === 0 || (allowed !== null && allowed.length <= resolved[0]!.reach)) {
    scorers = resolved.map((term) => termScorer(term, allowed?.length ?? index.size, index.capacity));
    if (allowed) for (const docNo of allowed) scoreAll(docNo, null, 0);
    else for (let docNo = 0; docNo < index.capacity; docNo += 1) if (index.docs[docNo]) scoreAll(docNo, null, 0);
  } else {
    const driver = resolved[0]!;
    // Dense per-document scores instead of a Map: the driver may list tens of thousands of documents.
    const driverScores = new Float64Array(index.capacity);
    const touched: number[] = [];
    for (const alternative of driver.alternatives) {
      for (const entry of alternative.entries) {
        const docNo = entry >>> 8;
        const weight = entry & 255;
        const s = alternative.worth * (weight / (weight + 2));
        if (driverScores[docNo] === 0) touched.push(docNo);
        if (s > driverScores[docNo]!) driverScores[docNo] = s;
      }
    }
    const candidates = driver.alternatives.length > 1 ? Int32Array.from(touched).sort() : touched;
    const passes = allowedTest(allowed, candidates.length, index.capacity);
    scorers = resolved.map((term) => (term === driver ? () => 0 : termScorer(term, candidates.length, index.capacity)));
    for (const docNo of candidates) {
      if (!index.docs[docNo] || !passes(docNo)) continue;
      scoreAll(docNo, driver, driverScores[docNo]!);
    }
  }

  const order = topK(docNos.keys(), window.end, comparator(index, query.sort, scores, docNos));
  return {
    page: order.slice(window.start).map((i) => ({ docNo: docNos[i]!, score: scores[i]! })),
    total: docNos.length,
    facets: countFacets(index, query.facets, docNos),
    matchedTokens,
  };
}

/**
 * Similarity (`match: 'any'`): every document matching at least one word, ranked by how many of the
 * words it matches, then by the summed word scores — Meilisearch's `words` rule followed by relevance.
 * The query holds a few key words of a text, so walking each word's postings once is cheap.
 */
function executeAny(index: InvertedIndex, query: NormalisedQuery, terms: QueryTerm[], window: { start: number; end: number }): Execution {
  const allowed = filterSet(index, query.filter);
  const resolved = terms.map((t) => resolveTerm(index, t)).filter((t) => t.alternatives.length > 0);
  const matchedTokens = resolved.flatMap((t) => t.alternatives.flatMap((a) => a.tokens));
  const matched = new Map<number, { words: number; score: number }>();
  for (const term of resolved) {
    const best = new Map<number, number>();
    for (const alternative of term.alternatives) {
      for (const entry of alternative.entries) {
        const docNo = entry >>> 8;
        const weight = entry & 255;
        const s = alternative.worth * (weight / (weight + 2));
        if (s > (best.get(docNo) ?? 0)) best.set(docNo, s);
      }
    }
    for (const [docNo, s] of best) {
      const sum = matched.get(docNo) ?? { words: 0, score: 0 };
      sum.words += 1;
      sum.score += s;
      matched.set(docNo, sum);
    }
  }
  const passes = allowedTest(allowed, matched.size, index.capacity);
  const docNos: number[] = [];
  const scores: number[] = [];
  for (const [docNo, sum] of matched) {
    if (!index.docs[docNo] || !passes(docNo)) continue;
    docNos.push(docNo);
    // Words matched dominate: a word scores below 1000 (worth × a saturated field weight).
    scores.push(sum.words * 1000 + sum.score);
  }
  const order = topK(docNos.keys(), window.end, comparator(index, query.sort, scores, docNos));
  return {
    page: order.slice(window.start).map((i) => ({ docNo: docNos[i]!, score: scores[i]! })),
    total: docNos.length,
    facets: countFacets(index, query.facets, docNos),
    matchedTokens,
  };
}

/**
 * How a word is scored for many candidates: binary search per candidate while that is cheaper than
 * walking the word's postings once into a dense score array (a very common word probed by thousands
 * of candidates), then a plain array look-up.
 */
function termScorer(term: ResolvedTerm, candidates: number, capacity: number): (docNo: number) => number {
  if (candidates * term.alternatives.length * 16 < term.reach) return (docNo) => termScore(term, docNo);
  const dense = new Float32Array(capacity);
  for (const alternative of term.alternatives) {
    for (const entry of alternative.entries) {
      const weight = entry & 255;
      const s = alternative.worth * (weight / (weight + 2));
      const docNo = entry >>> 8;
      if (s > dense[docNo]!) dense[docNo] = s;
    }
  }
  return (docNo) => dense[docNo]!;
}

/** Membership in the filtered set: a bitmap when many candidates will ask, binary search when few. */
function allowedTest(allowed: Int32Array | null, candidates: number, capacity: number): (docNo: number) => boolean {
  if (!allowed) return () => true;
  if (candidates * 16 < allowed.length) return (docNo) => containsDocNo(allowed, docNo);
  const bitmap = new Uint8Array(capacity);
  for (const docNo of allowed) bitmap[docNo] = 1;
  return (docNo) => bitmap[docNo] === 1;
}

/** `better(i, j)`: whether match i ranks before match j (i, j index the match arrays). */
function comparator(index: InvertedIndex, sort: SearchSort, scores: number[], docNos: number[]) {
  const attribute = sort === 'relevance' ? undefined : index.schema.sorts[sort];
  const byScore = (i: number, j: number) => scores[i]! > scores[j]! || (scores[i] === scores[j] && i < j);
  if (!attribute) return byScore;
  // Missing values (a craftsman not yet rated) sort last, as in Meilisearch.
  const keys = docNos.map((docNo) => {
    const value = index.docs[docNo]?.[attribute];
    return typeof value === 'number' ? value : -Infinity;
  });
  return (i: number, j: number) => keys[i]! > keys[j]! || (keys[i] === keys[j] && byScore(i, j));
}

function countFacets(index: InvertedIndex, facets: string[], docNos: number[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const facet of facets) {
    const attribute = index.schema.facets[facet];
    if (!attribute) continue;
    const counts: Record<string, number> = {};
    for (const docNo of docNos) {
      const value = index.docs[docNo]?.[attribute];
      if (typeof value === 'string') counts[value] = (counts[value] ?? 0) + 1;
      else if (Array.isArray(value)) for (const v of new Set(value)) if (typeof v === 'string') counts[v] = (counts[v] ?? 0) + 1;
    }
    out[facet] = counts;
  }
  return out;
}
