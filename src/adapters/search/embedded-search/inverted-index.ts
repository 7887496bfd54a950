import type { IndexedDoc, IndexSchema } from '../shared/index-schema.js';
import { indexTokens, isLatinWord, normaliseText } from '../shared/text-analysis.js';
import { MAX_DOC_NO, Posting } from './postings.js';

const filterKey = (attribute: string, value: string) => `${attribute}\u0001${value}`;

const valuesOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return [value];
  return [];
};

/**
 * One embedded index: text postings (jieba tokens and pinyin keys, weighted by field), filter postings
 * (one per attribute value, so a filter is a few list look-ups, never a scan), and the documents.
 * State lives on the instance; searches read it synchronously, so no search sees half a write.
 */
export class InvertedIndex {
  readonly docs: Array<IndexedDoc | undefined> = [];
  private readonly docNoById = new Map<string, number>();
  private readonly terms = new Map<string, Posting>();
  private readonly filters = new Map<string, Posting>();
  /** Latin terms (pinyin keys, Latin words) by length: typo tolerance scans only lengths within reach. */
  private readonly latinByLength = new Map<number, string[]>();
  private sortedTerms: string[] | null = null;
  /** Multi-word alternatives (二保焊 → 二保 + 焊) intersected once per index state, not per query. */
  private readonly phrases = new Map<string, Int32Array>();
  private dead = 0;

  constructor(readonly schema: IndexSchema) {}

  get size(): number {
    return this.docNoById.size;
  }

  /** Document numbers ever assigned (live or not): the size a per-document bitmap needs. */
  get capacity(): number {
    return this.docs.length;
  }

  /** Stale postings outnumber live documents: worth rebuilding the lists from the live documents. */
  get wantsCompaction(): boolean {
    return this.dead > 1_000 && this.dead > this.size;
  }

  /** Takes ownership of `doc` (toIndexedDoc hands over a fresh copy; hits are cloned on the way out). */
  upsert(doc: IndexedDoc): void {
    this.remove(doc.id);
    this.phrases.clear();
    const docNo = this.docs.length;
    if (docNo > MAX_DOC_NO) throw new Error('embedded search index is full: compact it');
    this.docs.push(doc);
    this.docNoById.set(doc.id, docNo);
    for (const [token, weight] of this.weightedTokens(doc)) this.termPosting(token).push(docNo, weight);
    for (const attribute of new Set(Object.values(this.schema.filters))) {
      for (const value of valuesOf(doc[attribute])) this.filterPosting(attribute, value, true)!.push(docNo, 0);
    }
  }

  remove(id: string): void {
    const docNo = this.docNoById.get(id);
    if (docNo === undefined) return;
    this.docs[docNo] = undefined;
    this.docNoById.delete(id);
    this.dead += 1;
  }

  /** Documents holding every token (packed entries), cached until the next write. */
  phrase(tokens: string[], intersect: (lists: Int32Array[]) => Int32Array): Int32Array {
    const key = tokens.join('\u0001');
    let entries = this.phrases.get(key);
    if (!entries) {
      const lists = tokens.map((t) => this.term(t));
      entries = lists.some((l) => l === undefined) ? new Int32Array(0) : intersect(lists as Int32Array[]);
      this.phrases.set(key, entries);
    }
    return entries;
  }

  docNoOf(id: string): number | undefined {
    return this.docNoById.get(id);
  }

  /** Postings of a token, or undefined when no document ever had it. */
  term(token: string): Int32Array | undefined {
    return this.terms.get(token)?.view();
  }

  filter(attribute: string, value: string): Int32Array | undefined {
    return this.filterPosting(attribute, value, false)?.view();
  }

  /** Vocabulary terms starting with `prefix` (itself excluded), at most `max`, shortest first. */
  termsWithPrefix(prefix: string, max: number): string[] {
    this.sortedTerms ??= [...this.terms.keys()].sort();
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i += 1) if (sorted[i] !== prefix) found.push(sorted[i]!);
    return found.sort((a, b) => a.length - b.length).slice(0, max);
  }

  /** Latin terms whose length is within `reach` of `length`. */
  latinTermsNear(length: number, reach: number): string[] {
    const out: string[] = [];
    for (let l = Math.max(1, length - reach); l <= length + reach; l += 1) out.push(...(this.latinByLength.get(l) ?? []));
    return out;
  }

  private weightedTokens(doc: IndexedDoc): Map<string, number> {
    const weights = new Map<string, number>();
    const add = (token: string, weight: number) => weights.set(token, (weights.get(token) ?? 0) + weight);
    for (const { attribute, weight } of this.schema.searchable) {
      for (const value of valuesOf(doc[attribute])) {
        if (attribute === 'namePinyin') {
          add(value, weight);
          continue;
        }
        for (const token of indexTokens(value)) add(token, weight);
        // Short values (names, skills, trades) are also findable whole, however jieba splits them.
        if (value.length <= 12) add(normaliseText(value).replace(/\s+/g, ''), weight);
      }
    }
    return weights;
  }

  private termPosting(token: string): Posting {
    let posting = this.terms.get(token);
    if (!posting) {
      this.terms.set(token, (posting = new Posting()));
      this.sortedTerms = null;
      if (isLatinWord(token)) {
        const bucket = this.latinByLength.get(token.length);
        if (bucket) bucket.push(token);
        else this.latinByLength.set(token.length, [token]);
      }
    }
    return posting;
  }

  private filterPosting(attribute: string, value: string, create: boolean): Posting | undefined {
    const key = filterKey(attribute, value);
    let posting = this.filters.get(key);
    if (!posting && create) this.filters.set(key, (posting = new Posting()));
    return posting;
  }
}
