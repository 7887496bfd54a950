import { AsyncLocalStorage } from 'node:async_hooks';
import { invalid } from '../../../errors.js';
import { indexesOf } from '../../../ports/collections.js';
import type { Collection, Doc, Filter, FindOptions, Store, StoreStats, Update, UpdateOptions } from '../../../ports/store.js';
import { Journal, type JournalOp } from './journal.js';
import { MemoryCollection, applyUpdate, seedFromFilter } from './memory-collection.js';

export interface EmbeddedStoreOptions {
  /** Where the snapshot and journal live. Ignored when `inMemory`. */
  dataDir?: string;
  /** Keep nothing on disk (tests). */
  inMemory?: boolean;
  /** Compact the journal into a new snapshot once it grows past this many bytes. */
  compactAtBytes?: number;
}

interface Tx {
  store: EmbeddedStore;
  /** Each touched document's state before the transaction (`null` = did not exist). */
  before: Map<string, { collection: string; id: string; doc: Doc | null }>;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The default store: collections in memory, queried and updated with mingo (MongoDB semantics),
 * made durable by a journal under `dataDir`. Every write runs under one lock, so a conditional
 * update is atomic and a transaction is serialisable; reads outside a transaction wait for a
 * running transaction and so never see its uncommitted writes.
 */
export class EmbeddedStore implements Store {
  readonly adapter = 'embedded';
  private readonly collections = new Map<string, MemoryCollection>();
  private readonly facades = new Map<string, Collection<Doc>>();
  private readonly journal: Journal | null;
  private readonly txContext = new AsyncLocalStorage<Tx>();
  private lockTail: Promise<unknown> = Promise.resolve();
  private txRunning: Tx | null = null;
  private open = false;
  private compacting = false;
  private compactions = 0;
  private lastCompactionSeconds: number | null = null;

  constructor(private readonly options: EmbeddedStoreOptions = {}) {
    if (!options.inMemory && !options.dataDir) throw new Error('EmbeddedStore needs dataDir unless inMemory');
    this.journal = options.inMemory ? null : new Journal(options.dataDir as string);
  }

  async connect(): Promise<void> {
    if (this.open) return;
    if (this.journal) {
      try {
        await this.journal.load(([c, id, doc]) => {
          const coll = this.raw(c);
          if (doc) coll.put(doc as Doc);
          else coll.remove(id);
        });
      } catch (error) {
        throw new Error(`embedded store: cannot open data directory ${this.options.dataDir}: ${(error as Error).message}. Check that it is writable and not used by another process.`, { cause: error });
      }
      if (this.journal.size > 1 << 20) await this.compact();
    }
    this.open = true;
  }

  async ping(): Promise<boolean> {
    return this.open;
  }

  stats(): StoreStats {
    return { journalBytes: this.journal?.size ?? 0, compactions: this.compactions, lastCompactionSeconds: this.lastCompactionSeconds };
  }

  async close(): Promise<void> {
    if (!this.open) return;
    await this.withLock(async () => {
      if (this.journal) {
        if (this.journal.size > 0) await this.journal.compact(() => this.allDocs());
        await this.journal.close();
      }
      this.open = false;
    });
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let facade = this.facades.get(name);
    if (!facade) {
      facade = this.makeFacade(name);
      this.facades.set(name, facade);
    }
    return facade as unknown as Collection<T>;
  }

  async transaction<R>(fn: () => Promise<R>): Promise<R> {
    const current = this.txContext.getStore();
    if (current?.store === this) return fn();
    return this.withLock(async () => {
      const tx: Tx = { store: this, before: new Map() };
      this.txRunning = tx;
      try {
        const result = await this.txContext.run(tx, fn);
        const ops: JournalOp[] = [];
        for (const { collection, id } of tx.before.values()) {
          const doc = this.raw(collection).docs.get(id);
          ops.push([collection, id, doc ?? null]);
        }
        this.txRunning = null;
        if (ops.length > 0) await this.persist(ops);
        return result;
      } catch (error) {
        for (const { collection, id, doc } of tx.before.values()) {
          const coll = this.raw(collection);
          if (doc) coll.put(doc);
          else coll.remove(id);
        }
        throw error;
      } finally {
        this.txRunning = null;
      }
    });
  }

  private raw(name: string): MemoryCollection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new MemoryCollection(name, indexesOf(name));
      this.collections.set(name, coll);
    }
    return coll;
  }

  private *allDocs(): Iterable<[string, Record<string, unknown>]> {
    for (const [name, coll] of this.collections) for (const doc of coll.docs.values()) yield [name, doc];
  }

  private withLock<R>(fn: () => Promise<R> | R): Promise<R> {
    const run = this.lockTail.then(fn);
    this.lockTail = run.catch(() => undefined);
    return run;
  }

  private inTx(): Tx | null {
    const tx = this.txContext.getStore();
    return tx?.store === this ? tx : null;
  }

  /** Runs a write: inside the caller's transaction, or alone under the lock and journalled. */
  private async write<R>(fn: (touch: (collection: string, id: string) => void) => R): Promise<R> {
    this.assertOpen();
    const tx = this.inTx();
    if (tx) {
      return fn((collection, id) => {
        const key = `${collection}\u0000${id}`;
        if (!tx.before.has(key)) {
          const doc = this.raw(collection).docs.get(id);
          tx.before.set(key, { collection, id, doc: doc ?? null });
        }
      });
    }
    return this.withLock(async () => {
      const touched = new Map<string, [string, string]>();
      const result = fn((collection, id) => touched.set(`${collection}\u0000${id}`, [collection, id]));
      if (touched.size > 0) {
        const ops: JournalOp[] = [...touched.values()].map(([c, id]) => [c, id, this.raw(c).docs.get(id) ?? null]);
        await this.persist(ops);
      }
      return result;
    });
  }

  /** Reads wait for a running transaction unless they are part of it. */
  private async read<R>(fn: () => R): Promise<R> {
    this.assertOpen();
    if (this.txRunning && !this.inTx()) return this.withLock(fn);
    return fn();
  }

  private async persist(ops: JournalOp[]): Promise<void> {
    if (!this.journal) return;
    await this.journal.append(ops);
    const limit = this.options.compactAtBytes ?? 64 << 20;
    if (this.journal.size > limit && !this.compacting) void this.withLock(() => this.compact());
  }

  private async compact(): Promise<void> {
    if (!this.journal) return;
    this.compacting = true;
    const started = performance.now();
    try {
      await this.journal.compact(() => this.allDocs());
      this.compactions += 1;
      this.lastCompactionSeconds = (performance.now() - started) / 1000;
    } finally {
      this.compacting = false;
    }
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('embedded store is not connected (call connect() first)');
  }

  private makeFacade(name: string): Collection<Doc> {
    const coll = () => this.raw(name);
    const insertAll = (docs: Doc[], touch: (c: string, id: string) => void) => {
      const prepared = docs.map((doc) => {
        if (typeof doc._id !== 'string' || doc._id === '') throw invalid('MISSING_ID', `${name}: document needs a string _id`);
        return json(doc);
      });
      const inserted: Doc[] = [];
      try {
        for (const doc of prepared) {
          coll().checkUnique(doc, null);
          touch(name, doc._id);
          coll().put(doc);
          inserted.push(doc);
        }
      } catch (error) {
        for (const doc of inserted) coll().remove(doc._id);
        throw error;
      }
      return prepared;
    };
    const updateDoc = (doc: Doc, update: Update, inserting: boolean, touch: (c: string, id: string) => void) => {
      const next = applyUpdate(doc, update, inserting);
      coll().checkUnique(next, inserting ? null : doc._id);
      touch(name, next._id);
      coll().put(next);
      return next;
    };
    return {
      name,
      insertOne: (doc) => this.write((touch) => json(insertAll([doc], touch)[0] as Doc)),
      insertMany: async (docs) => {
        if (docs.length === 0) return;
        await this.write((touch) => void insertAll(docs, touch));
      },
      findById: (id) => this.read(() => {
        const doc = coll().docs.get(id);
        return doc ? json(doc) : null;
      }),
      findOne: (filter: Filter, options: FindOptions = {}) => this.read(() => {
        const [doc] = coll().project(coll().match(filter, { ...options, limit: 1 }), options.projection);
        return doc ? json(doc) : null;
      }),
      find: (filter: Filter, options: FindOptions = {}) => this.read(() => json(coll().project(coll().match(filter, options), options.projection))),
      count: (filter: Filter) => this.read(() => (Object.keys(filter).length === 0 ? coll().docs.size : coll().match(filter).length)),
      updateOne: (filter: Filter, update: Update, options: UpdateOptions = {}) => this.write((touch) => {
        const [current] = coll().match(filter, { sort: options.sort, limit: 1 });
        if (current) return json(updateDoc(current, update, false, touch));
        if (!options.upsert) return null;
        const seed = seedFromFilter(filter);
        const withId = { ...seed, ...(update.$setOnInsert ?? {}), ...(update.$set ?? {}) };
        if (typeof withId._id !== 'string') throw invalid('MISSING_ID', `${name}: an upsert needs _id in its filter or $setOnInsert`);
        const start = { ...seed, _id: withId._id } as Doc;
        return json(updateDoc(start, update, true, touch));
      }),
      updateMany: (filter: Filter, update: Update) => this.write((touch) => {
        const matched = coll().match(filter);
        const next = matched.map((doc) => applyUpdate(doc, update, false));
        for (const doc of next) coll().checkUnique(doc, doc._id);
        for (const doc of next) {
          touch(name, doc._id);
          coll().put(doc);
        }
        return matched.length;
      }),
      replaceOne: (doc) => this.write((touch) => {
        if (!coll().docs.has(doc._id)) return false;
        const next = json(doc);
        coll().checkUnique(next, doc._id);
        touch(name, doc._id);
        coll().put(next);
        return true;
      }),
      deleteOne: (filter: Filter) => this.write((touch) => {
        const [doc] = coll().match(filter, { limit: 1 });
        if (!doc) return false;
        touch(name, doc._id);
        coll().remove(doc._id);
        return true;
      }),
      deleteMany: (filter: Filter) => this.write((touch) => {
        const matched = coll().match(filter);
        for (const doc of matched) {
          touch(name, doc._id);
          coll().remove(doc._id);
        }
        return matched.length;
      }),
      aggregate: <R>(pipeline: Record<string, unknown>[]) => this.read(() => json(coll().aggregate(pipeline)) as R[]),
    };
  }
}
