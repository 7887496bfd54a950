import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Task } from 'meilisearch';
import type { SkillTaxonomy } from '../../../domain/matching/skill-taxonomy.js';
import { AppError, UnavailableError } from '../../../errors.js';
import type { RebuildProgress, SearchDocs, SearchFacets, SearchIndexName, SearchPort, SearchQuery, SearchResult } from '../../../ports/search.js';
import { normaliseQuery, toIndexedDoc, type IndexedDoc } from '../shared/index-schema.js';
import { loadSkillTaxonomy } from '../shared/taxonomy.js';
import { fromMeiliResponse } from './meili-results.js';
import { buildMeiliSearchParams, buildMeiliSettings } from './meili-settings.js';

export interface MeilisearchSearchOptions {
  url: string;
  apiKey?: string;
  /** Prepended to index uids (`jx_craftsmen`): several deployments, or test runs, can share one server. */
  indexPrefix?: string;
  taxonomy?: SkillTaxonomy;
  /** How long a write waits for its task (ms). */
  taskTimeoutMs?: number;
}

const INDEXES: SearchIndexName[] = ['craftsmen', 'orders', 'studios', 'cases'];
const REBUILD_BATCH = 1_000;

type PendingWrite = { kind: 'upsert'; docs: IndexedDoc[] } | { kind: 'remove'; ids: string[] };

/** The URL as logs and errors may show it: no credentials. */
export const maskUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Search on a Meilisearch server (production). Thin on purpose: settings, filters, requests and
 * results are pure functions in this folder with their own unit tests; this class only sends them
 * and waits for every write's task, so a resolved write is searchable and a failed one throws.
 */
export class MeilisearchSearch implements SearchPort {
  readonly adapter = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly taxonomy: SkillTaxonomy;
  private readonly prefix: string;
  private readonly taskTimeoutMs: number;
  private readonly rebuilding = new Map<SearchIndexName, PendingWrite[]>();

  constructor(private readonly options: MeilisearchSearchOptions) {
    this.client = new Meilisearch({ host: options.url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    this.taxonomy = options.taxonomy ?? loadSkillTaxonomy();
    this.prefix = options.indexPrefix ?? '';
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  private uid(index: SearchIndexName): string {
    return `${this.prefix}${index}`;
  }

  async connect(): Promise<void> {
    try {
      await this.client.health();
    } catch (error) {
      throw new UnavailableError(`Meilisearch ${maskUrl(this.options.url)}（请检查 MEILI_URL 与 MEILI_MASTER_KEY，服务是否已启动）`, error);
    }
    for (const index of INDEXES) await this.prepareIndex(this.uid(index), index);
  }

  async ping(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async close(): Promise<void> {}

  async upsert<I extends SearchIndexName>(index: I, docs: SearchDocs[I][]): Promise<void> {
    if (docs.length === 0) return;
    const indexed = docs.map((doc) => toIndexedDoc(index, doc, this.taxonomy));
    this.rebuilding.get(index)?.push({ kind: 'upsert', docs: indexed });
    await this.run(`写入索引 ${index}`, () => this.client.index(this.uid(index)).addDocuments(indexed, { primaryKey: 'id' }));
  }

  async remove(index: SearchIndexName, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.rebuilding.get(index)?.push({ kind: 'remove', ids });
    await this.run(`删除索引文档 ${index}`, () => this.client.index(this.uid(index)).deleteDocuments(ids));
  }

  async search<I extends SearchIndexName>(index: I, query: SearchQuery<SearchFacets[I]>): Promise<SearchResult<SearchDocs[I], SearchFacets[I]>> {
    type Result = SearchResult<SearchDocs[I], SearchFacets[I]>;
    const normalised = normaliseQuery(index, query, this.taxonomy);
    if (normalised.matchesNothing) return { hits: [], total: 0, facets: Object.fromEntries(normalised.facets.map((f) => [f, {}])) as Result['facets'] };
    const response = await this.guard(`搜索 ${index}`, () => this.client.index(this.uid(index)).search(normalised.q, buildMeiliSearchParams(index, normalised)));
    return fromMeiliResponse<SearchDocs[I]>(index, response, normalised.facets) as Result;
  }

  async rebuild<I extends SearchIndexName>(
    index: I,
    docs: Iterable<SearchDocs[I]> | AsyncIterable<SearchDocs[I]>,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ indexed: number }> {
    if (this.rebuilding.has(index)) throw new AppError({ kind: 'conflict', code: 'SEARCH_REBUILD_RUNNING', message: `索引 ${index} 正在重建` });
    const live = this.uid(index);
    const temp = `${live}_rebuild_${Date.now()}`;
    const pending: PendingWrite[] = [];
    this.rebuilding.set(index, pending);
    try {
      await this.prepareIndex(temp, index);
      const target = this.client.index(temp);
      let batch: IndexedDoc[] = [];
      let indexed = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const sending = batch;
        batch = [];
        await this.run(`重建索引 ${index}`, () => target.addDocuments(sending, { primaryKey: 'id' }));
        indexed += sending.length;
        onProgress?.({ index, indexed });
      };
      for await (const doc of docs) {
        batch.push(toIndexedDoc(index, doc, this.taxonomy));
        if (batch.length >= REBUILD_BATCH) await flush();
      }
      await flush();
      // Writes that reached the live index meanwhile would be lost by the swap: apply them to the new one first.
      for (const write of pending.splice(0)) {
        if (write.kind === 'upsert') await this.run(`重建索引 ${index}`, () => target.addDocuments(write.docs, { primaryKey: 'id' }));
        else await this.run(`重建索引 ${index}`, () => target.deleteDocuments(write.ids));
      }
      await this.run(`切换索引 ${index}`, () => this.client.swapIndexes([{ indexes: [live, temp], rename: false }]));
      await this.run(`清理旧索引 ${index}`, () => this.client.deleteIndex(temp));
      return { indexed };
    } finally {
      this.rebuilding.delete(index);
    }
  }

  /** Creates the index when missing and applies its settings, awaiting both. */
  private async prepareIndex(uid: string, index: SearchIndexName): Promise<void> {
    const exists = await this.guard(`读取索引 ${uid}`, () => this.client.getIndex(uid).then(() => true, (error: unknown) => {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
      throw error;
    }));
    if (!exists) await this.run(`创建索引 ${uid}`, () => this.client.createIndex(uid, { primaryKey: 'id' }));
    await this.run(`配置索引 ${uid}`, () => this.client.index(uid).updateSettings(buildMeiliSettings(index, this.taxonomy)));
  }

  /** Sends a write and waits for its task; a failed or cancelled task is an error, never a silent loss. */
  private async run(what: string, enqueue: () => EnqueuedTaskPromise): Promise<Task> {
    const task = await this.guard(what, () => enqueue().waitTask({ timeout: this.taskTimeoutMs }));
    if (task.status !== 'succeeded') {
      throw new AppError({
        kind: 'unavailable',
        code: 'SEARCH_TASK_FAILED',
        message: `搜索服务任务失败：${what}（${task.error?.message ?? task.status}）`,
        details: { taskUid: task.uid, status: task.status, error: task.error },
      });
    }
    return task;
  }

  /** Translates client errors: unreachable → UnavailableError; an error answer → AppError with Meilisearch's code. */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof MeilisearchApiError) {
        throw new AppError({ kind: 'unavailable', code: 'SEARCH_BACKEND_ERROR', message: `搜索服务返回错误：${what}（${error.cause?.code ?? error.message}）`, cause: error });
      }
      throw new UnavailableError(`Meilisearch ${maskUrl(this.options.url)}：${what}`, error);
    }
  }
}
