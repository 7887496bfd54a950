import { UnavailableError } from '../../../errors.js';
import type { RebuildProgress, SearchDocs, SearchFacets, SearchIndexName, SearchPort, SearchQuery, SearchResult } from '../../../ports/search.js';

/**
 * A search backend whose index is still being built from the store (the embedded index after a start):
 * searches are refused as unavailable, so the search service answers them from the store with
 * `degraded: true`, exactly as when a backend is down, instead of answering from a half-built index.
 * Writes go through at once (the embedded index replays writes made during a rebuild onto the new one).
 * `ping` stays true: the backend is up, and a watcher must not take the build for an outage to recover from.
 */
export class WarmingSearch implements SearchPort {
  private warming = false;

  constructor(private readonly inner: SearchPort) {}

  get adapter(): SearchPort['adapter'] {
    return this.inner.adapter;
  }

  /** Whether searches are being refused until a build finishes. */
  get building(): boolean {
    return this.warming;
  }

  /** Runs `build` with searches refused until it settles (whether it succeeds or not). */
  async buildWhileRefusing<R>(build: () => Promise<R>): Promise<R> {
    this.warming = true;
    try {
      return await build();
    } finally {
      this.warming = false;
    }
  }

  upsert<I extends SearchIndexName>(index: I, docs: SearchDocs[I][]): Promise<void> {
    return this.inner.upsert(index, docs);
  }

  remove(index: SearchIndexName, ids: string[]): Promise<void> {
    return this.inner.remove(index, ids);
  }

  async search<I extends SearchIndexName>(index: I, query: SearchQuery<SearchFacets[I]>): Promise<SearchResult<SearchDocs[I], SearchFacets[I]>> {
    if (this.warming) throw new UnavailableError('检索索引正在建立');
    return this.inner.search(index, query);
  }

  rebuild<I extends SearchIndexName>(index: I, docs: Iterable<SearchDocs[I]> | AsyncIterable<SearchDocs[I]>, onProgress?: (progress: RebuildProgress) => void): Promise<{ indexed: number }> {
    return this.inner.rebuild(index, docs, onProgress);
  }

  connect(): Promise<void> {
    return this.inner.connect();
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
