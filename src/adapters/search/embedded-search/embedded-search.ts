import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SkillTaxonomy } from '../../../domain/matching/skill-taxonomy.js';
import type { RebuildProgress, SearchDocs, SearchFacets, SearchIndexName, SearchPort, SearchQuery, SearchResult } from '../../../ports/search.js';
import { HIGHLIGHT_JOINER, markText } from '../shared/highlight.js';
import { fromIndexedDoc, normaliseQuery, pageWindow, SCHEMAS, toIndexedDoc, type IndexedDoc } from '../shared/index-schema.js';
import { loadSkillTaxonomy, synonymLookup } from '../shared/taxonomy.js';
import { analyzeQuery, isLatinWord } from '../shared/text-analysis.js';
import { InvertedIndex } from './inverted-index.js';
import { execute } from './search-execution.js';

export interface EmbeddedSearchOptions {
  /** Defaults to `seeds/skill-taxonomy.json`. */
  taxonomy?: SkillTaxonomy;
}

type PendingWrite = { kind: 'upsert'; doc: IndexedDoc } | { kind: 'remove'; id: string };

const REBUILD_YIELD_EVERY = 500;

/**
 * The default search adapter: an in-process inverted index per search index (see inverted-index.ts
 * and search-execution.ts for why it beats a plain scan and the general-purpose libraries on our data).
 * Memory only: the process rebuilds it from the store at start (`npm run reindex` or the indexer).
 */
export class EmbeddedSearch implements SearchPort {
  readonly adapter = 'embedded' as const;
  private readonly taxonomy: SkillTaxonomy;
  private readonly synonyms: Map<string, string[]>;
  private readonly spellings: string[];
  private readonly indexes: Record<SearchIndexName, InvertedIndex>;
  /** Writes that arrive while an index is being rebuilt: replayed onto the new index before the swap. */
  private readonly rebuilding = new Map<SearchIndexName, PendingWrite[]>();

  constructor(options: EmbeddedSearchOptions = {}) {
    this.taxonomy = options.taxonomy ?? loadSkillTaxonomy();
    this.synonyms = synonymLookup(this.taxonomy);
    this.spellings = this.taxonomy.spellings.map(([spelling]) => spelling);
    this.indexes = { craftsmen: new InvertedIndex(SCHEMAS.craftsmen), orders: new InvertedIndex(SCHEMAS.orders), studios: new InvertedIndex(SCHEMAS.studios), cases: new InvertedIndex(SCHEMAS.cases) };
  }

  async connect(): Promise<void> {}

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  async upsert<I extends SearchIndexName>(index: I, docs: SearchDocs[I][]): Promise<void> {
    const target = this.indexes[index];
    for (const doc of docs) {
      const indexed = toIndexedDoc(index, doc, this.taxonomy);
      target.upsert(indexed);
      this.rebuilding.get(index)?.push({ kind: 'upsert', doc: indexed });
    }
    if (target.wantsCompaction) this.compact(index);
  }

  async remove(index: SearchIndexName, ids: string[]): Promise<void> {
    for (const id of ids) {
      this.indexes[index].remove(id);
      this.rebuilding.get(index)?.push({ kind: 'remove', id });
    }
    if (this.indexes[index].wantsCompaction) this.compact(index);
  }

  async search<I extends SearchIndexName>(index: I, query: SearchQuery<SearchFacets[I]>): Promise<SearchResult<SearchDocs[I], SearchFacets[I]>> {
    const normalised = normaliseQuery(index, query, this.taxonomy);
    type Facets = SearchResult<SearchDocs[I], SearchFacets[I]>['facets'];
    const emptyFacets = Object.fromEntries(normalised.facets.map((f) => [f, {}])) as Facets;
    if (normalised.matchesNothing) return { hits: [], total: 0, facets: emptyFacets };
    const target = this.indexes[index];
    const terms = analyzeQuery(normalised.q, this.synonyms, this.spellings);
    const run = execute(target, normalised, terms, pageWindow(normalised));
    const hits = run.page.map(({ docNo }) => {
      const stored = target.docs[docNo]!;
      return { doc: structuredClone(fromIndexedDoc<SearchDocs[I]>(stored)), highlight: this.highlight(target, stored, run.matchedTokens) };
    });
    return { hits, total: run.total, facets: { ...emptyFacets, ...run.facets } as Facets };
  }

  async rebuild<I extends SearchIndexName>(
    index: I,
    docs: Iterable<SearchDocs[I]> | AsyncIterable<SearchDocs[I]>,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ indexed: number }> {
    if (this.rebuilding.has(index)) throw new Error(`索引 ${index} 正在重建`);
    const pending: PendingWrite[] = [];
    this.rebuilding.set(index, pending);
    try {
      const fresh = new InvertedIndex(SCHEMAS[index]);
      let indexed = 0;
      for await (const doc of docs) {
        fresh.upsert(toIndexedDoc(index, doc, this.taxonomy));
        indexed += 1;
        // Building 100,000 profiles takes seconds: let searches on the old index answer meanwhile.
        if (indexed % REBUILD_YIELD_EVERY === 0) {
          onProgress?.({ index, indexed });
          await yieldToEventLoop();
        }
      }
      for (const write of pending) {
        if (write.kind === 'upsert') fresh.upsert(write.doc);
        else fresh.remove(write.id);
      }
      this.indexes[index] = fresh;
      onProgress?.({ index, indexed });
      return { indexed };
    } finally {
      this.rebuilding.delete(index);
    }
  }

  /** Rebuilds the lists from the live documents once removed and replaced ones dominate them. */
  private compact(index: SearchIndexName): void {
    const fresh = new InvertedIndex(SCHEMAS[index]);
    for (const doc of this.indexes[index].docs) if (doc) fresh.upsert(doc);
    this.indexes[index] = fresh;
  }

  private highlight(target: InvertedIndex, stored: IndexedDoc, matchedTokens: string[]): Record<string, string> {
    const highlight: Record<string, string> = {};
    if (matchedTokens.length === 0) return highlight;
    for (const field of target.schema.highlighted) {
      const value = stored[field];
      const text = Array.isArray(value) ? value.join(HIGHLIGHT_JOINER) : typeof value === 'string' ? value : '';
      const marked = text ? markText(text, matchedTokens) : null;
      if (marked) highlight[field] = marked;
    }
    // A name found by its pinyin (zhangwei, zw) lights up as a whole.
    const pinyin = stored.namePinyin ?? [];
    if (!highlight.name && typeof stored.name === 'string' && matchedTokens.some((t) => isLatinWord(t) && pinyin.includes(t))) {
      highlight.name = markText(stored.name, [stored.name.toLowerCase()]) ?? stored.name;
    }
    return highlight;
  }
}
