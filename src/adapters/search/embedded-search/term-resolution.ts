import { editDistanceWithin, typoBudget, type QueryTerm } from '../shared/text-analysis.js';
import type { InvertedIndex } from './inverted-index.js';
import { intersectEntries } from './postings.js';

/** How much a kind of match is worth next to the word itself. */
const FACTOR = { exact: 1, synonym: 0.9, prefix: 0.7, typo: 0.6 } as const;
/** A prefix like 焊 or z could expand to thousands of words: the shortest ones are kept. */
const MAX_PREFIX_EXPANSIONS = 40;

/** One resolved way to match a query word: its postings and what a hit through it is worth. */
export interface ResolvedAlternative {
  entries: Int32Array;
  /** Kind factor × inverse document frequency. */
  worth: number;
  /** Surface tokens to mark in highlights. */
  tokens: string[];
}

export interface ResolvedTerm {
  alternatives: ResolvedAlternative[];
  /** Upper bound of the documents matching the word (sum over alternatives). */
  reach: number;
}

const idf = (documents: number, matching: number) => Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));

/**
 * Expands a query word against the index vocabulary: itself, its synonym group, Latin typos within
 * budget, and prefixes for the last word (or for a Chinese word jieba cut differently at index time).
 */
export function resolveTerm(index: InvertedIndex, term: QueryTerm): ResolvedTerm {
  const documents = Math.max(1, index.size);
  const alternatives: ResolvedAlternative[] = [];
  const seen = new Set<string>();
  const add = (tokens: string[], factor: number) => {
    const key = tokens.join('\u0001');
    if (seen.has(key)) return;
    seen.add(key);
    const entries = tokens.length === 1 ? index.term(tokens[0]!) : index.phrase(tokens, intersectEntries);
    if (!entries || entries.length === 0) return;
    // Postings keep the entries of replaced documents until compaction, so a word can list more entries
    // than there are live documents; uncapped, its idf would turn negative and its matches score nothing.
    alternatives.push({ entries, worth: factor * idf(documents, Math.min(entries.length, documents)), tokens });
  };

  for (const alternative of term.alternatives) add(alternative.tokens, alternative.synonym ? FACTOR.synonym : FACTOR.exact);
  if (term.latin) {
    const budget = typoBudget(term.text);
    if (budget > 0) {
      for (const candidate of index.latinTermsNear(term.text.length, budget)) {
        const distance = editDistanceWithin(term.text, candidate, budget);
        if (distance > 0 && distance <= budget) add([candidate], FACTOR.typo / distance);
      }
    }
  }
  // Type-ahead on pinyin and Latin words; Chinese words need no prefix search (jieba's search mode
  // already indexes the sub-words), except a word the index never saw whole.
  if ((term.last && term.latin) || alternatives.length === 0) {
    for (const candidate of index.termsWithPrefix(term.text, MAX_PREFIX_EXPANSIONS)) add([candidate], FACTOR.prefix);
  }
  return { alternatives, reach: alternatives.reduce((sum, a) => sum + a.entries.length, 0) };
}
