import { AsyncLocalStorage } from 'node:async_hooks';
import { UnavailableError, invalid } from '../../../errors.js';
import { indexesOf } from '../../../ports/collections.js';
import type { Collection, Doc, Filter, FindOptions, Store, StoreSnapshot, StoreStats, Update, UpdateOptions } from '../../../ports/store.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { Journal, openJournalFile, type JournalOp, type OpenJournalFile, type SyncStats } from './journal.js';
import { MemoryCollection, applyUpdate, seedFromFilter } from './memory-collection.js';
import { ensurePrivateDir } from './private-files.js';

/** The few log calls the store makes (a pino logger fits). */
export interface StoreLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface EmbeddedStoreOptions {
  /** Where the snapshot and journal live. Ignored when `inMemory`. */
  dataDir?: string;
  /** Keep nothing on disk (tests). */
  inMemory?: boolean;
  /** Compact the journal into a new snapshot once it grows past this many bytes. */
  compactAtBytes?: number;
  logger?: StoreLogger;
  /** How the journal file is opened (tests wrap the real file to make a sync fail). */
  openJournalFile?: OpenJournalFile;
}

/** A touched document's state before a write (`null` = did not exist). */
interface Before {
  collection: string;
  id: string;
  doc: Doc | null;
}

interface Tx {
  store: EmbeddedStore;
  before: Map<string, Before>;
}

/** A commit applied in memory whose journal line is not yet known to be on disk. */
interface Undurable {
  seq: number;
  before: Before[];
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A stored document handed out as it is, frozen through (children first, so a frozen object is always
 * frozen all the way down and is not walked again). Stored documents are never changed in place (a
 * write puts a new object), so this costs one walk per stored version, and a reader's change throws.
 */
function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) frozen(child);
  return Object.freeze(value);
}
/** Whether results may be the stored documents themselves: asked read-only and unprojected (a projection builds new objects that may share parts). */
const shareable = (options: FindOptions) => options.readOnly === true && !options.projection;
const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * The default store: collections in memory, queried and updated with mingo (MongoDB semantics),
 * made durable by a journal under `dataDir` that one process at a time may hold (a lock file).
 *
 * Every write runs under one lock, so a conditional update is atomic and a transaction is
 * serialisable; reads outside a transaction wait for a running transaction and so never see its
 * uncommitted writes.
 *
 * Durability and group commit. A write applies its change in memory and queues its journal line
 * under the lock, then releases the lock and resolves only once the batch holding that line is
 * fdatasynced. Holding the lock through the sync would cost one sync per write; releasing it lets
 * the writes that arrive during a sync share the next one.
 *
 * So a reader may see a change whose sync is still running. That is the same promise MongoDB gives
 * with read concern "local", and it is safe for what is acknowledged: a write that read such a change
 * is queued after it, and the journal is durable in order (a batch is synced whole, a torn tail is cut
 * back to the last complete commit), so no acknowledged write can survive without what it read.
 *
 * A failed sync must leave memory exactly as before the failed write, and every write queued after
 * it may have built on it, so all of them fail together: the journal refuses further commits, and a
 * recovery step under the write lock undoes every commit that is not durable, newest first, and cuts
 * the journal file back to its last durable length. Each failed caller is answered only after that,
 * with SERVICE_UNAVAILABLE. When the file cannot be cut back, writes stay refused until a restart
 * (which loads what is on disk).
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
  private dirLock: DataDirLock | null = null;
  private undurable: Undurable[] = [];
  private recovering: Promise<void> | null = null;
  private compactions = 0;
  private lastCompactionSeconds: number | null = null;

  constructor(private readonly options: EmbeddedStoreOptions = {}) {
    if (!options.inMemory && !options.dataDir) throw new Error('EmbeddedStore needs dataDir unless inMemory');
    this.journal = options.inMemory ? null : new Journal(options.dataDir as string, options.openJournalFile ?? openJournalFile);
  }

  async connect(): Promise<void> {
    if (this.open) return;
    if (this.journal) {
      const dir = this.options.dataDir as string;
      try {
        await ensurePrivateDir(dir);
      } catch (error) {
        throw new Error(`embedded store: cannot create data directory ${dir}: ${(error as Error).message}. Check that it is writable.`, { cause: error });
      }
      // The lock comes first: loading, truncating a torn tail or compacting must never happen beside another writer.
      this.dirLock = await lockDataDir(dir);
      try {
        const report = await this.journal.load(
          ([c, doc]) => this.raw(c).put(doc as Doc),
          ([c, id, doc]) => {
            const coll = this.raw(c);
            if (doc) coll.put(doc as Doc);
            else coll.remove(id);
          },
        );
        if (report.truncated) {
          this.options.logger?.warn(
            { dataDir: dir, truncatedBytes: report.truncated.bytes, lastCommit: report.truncated.afterSeq, reason: report.truncated.reason },
            'embedded store: torn journal tail cut off (a write that was never acknowledged); store continues from the last complete commit',
          );
        }
        if (this.journal.size > 1 << 20) await this.compact();
      } catch (error) {
        await this.dirLock.release();
        this.dirLock = null;
        if ((error as Error).name === 'CorruptStoreError') throw error;
        throw new Error(`embedded store: cannot open data directory ${dir}: ${(error as Error).message}. Check that it is writable.`, { cause: error });
      }
    }
    this.open = true;
  }

  async ping(): Promise<boolean> {
    return this.open && !this.journal?.failed;
  }

  stats(): StoreStats {
    return { journalBytes: this.journal?.size ?? 0, compactions: this.compactions, lastCompactionSeconds: this.lastCompactionSeconds };
  }

  async close(): Promise<void> {
    if (!this.open) return;
    await this.withLock(async () => {
      if (!this.open) return;
      try {
        if (this.journal) {
          if (!this.journal.failed && this.journal.size > 0) await this.journal.compact(() => this.allDocs());
          await this.journal.close();
        }
      } finally {
        this.open = false;
        await this.dirLock?.release();
        this.dirLock = null;
      }
    });
  }

  /** How many commits shared how many syncs, and how long syncing took (zeros in memory). */
  syncStats(): SyncStats {
    return this.journal ? { ...this.journal.stats } : { commits: 0, syncs: 0, syncMs: 0, maxSyncMs: 0 };
  }

  /**
   * Every document as of the last durable commit. Taken under the write lock after the journal is
   * flushed, so it is one consistent point; stored documents are never mutated in place (every write
   * puts a new object), so holding their references keeps that point while the caller streams them.
   */
  async snapshot(): Promise<StoreSnapshot> {
    this.assertOpen();
    return this.withLock(async () => {
      await this.journal?.flush().catch((error: unknown) => {
        throw new UnavailableError('数据存储暂时无法写入磁盘', error);
      });
      const docs: Array<[string, Doc]> = [];
      for (const [name, coll] of this.collections) for (const doc of coll.docs.values()) docs.push([name, doc]);
      return { seq: this.journal?.seq ?? 0, docs };
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
    if (this.inTx()) return fn();
    const { result, durable } = await this.withLock(async () => {
      this.assertWritable();
      const tx: Tx = { store: this, before: new Map() };
      this.txRunning = tx;
      try {
        const result = await this.txContext.run(tx, fn);
        // The running flag stays up until the commit is applied and queued (or rolled back), so no
        // outside reader sees a transaction half done; durability is awaited after the lock, below.
        return { result, durable: this.commit([...tx.before.values()]) };
      } catch (error) {
        this.restore([...tx.before.values()]);
        throw error;
      } finally {
        this.txRunning = null;
      }
    });
    await durable;
    return result;
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

  /**
   * The transaction the caller runs in, if it is still running: a timer or callback scheduled inside a
   * transaction inherits its async context, and once that transaction has finished its writes must be
   * journalled on their own rather than recorded into a transaction nobody will commit.
   */
  private inTx(): Tx | null {
    const tx = this.txContext.getStore();
    return tx?.store === this && tx === this.txRunning ? tx : null;
  }

  /** Runs a write: inside the caller's transaction, or alone under the lock, then waits until it is durable. */
  private async write<R>(fn: (touch: (collection: string, id: string) => void) => R): Promise<R> {
    this.assertOpen();
    const tx = this.inTx();
    if (tx) return fn((collection, id) => this.remember(tx.before, collection, id));
    const { result, durable } = await this.withLock(() => {
      this.assertWritable();
      const before = new Map<string, Before>();
      try {
        const result = fn((collection, id) => this.remember(before, collection, id));
        return { result, durable: this.commit([...before.values()]) };
      } catch (error) {
        this.restore([...before.values()]);
        throw error;
      }
    });
    await durable;
    return result;
  }

  /** Reads wait for a running transaction unless they are part of it. */
  private async read<R>(fn: () => R): Promise<R> {
    this.assertOpen();
    if (this.txRunning && !this.inTx()) return this.withLock(fn);
    return fn();
  }

  private remember(before: Map<string, Before>, collection: string, id: string): void {
    const key = keyOf(collection, id);
    if (!before.has(key)) before.set(key, { collection, id, doc: this.raw(collection).docs.get(id) ?? null });
  }

  /** Puts touched documents back as they were, newest change undone last-in first-out by the caller. */
  private restore(before: Before[]): void {
    for (const { collection, id, doc } of before) {
      const coll = this.raw(collection);
      if (doc) coll.put(doc);
      else coll.remove(id);
    }
  }

  /**
   * Called under the lock once a change is applied in memory: queues its journal line and returns a
   * promise that settles when the line is durable (or the change has been undone).
   */
  private commit(before: Before[]): Promise<void> | null {
    if (!this.journal || before.length === 0) return null;
    this.assertWritable();
    const ops: JournalOp[] = before.map(({ collection, id }) => [collection, id, this.raw(collection).docs.get(id) ?? null]);
    const { seq, durable } = this.journal.append(ops);
    this.undurable.push({ seq, before });
    const limit = this.options.compactAtBytes ?? 64 << 20;
    if (this.journal.size > limit && !this.compacting) {
      this.compacting = true;
      void this.withLock(() => this.compact()).catch((error: unknown) => this.options.logger?.error({ err: error }, 'embedded store: compaction failed; the journal keeps growing until it succeeds'));
    }
    return durable.then(
      () => this.forgetDurable(),
      (error: unknown) => this.failed(error),
    );
  }

  private forgetDurable(): void {
    const durableSeq = this.journal?.durableSeq ?? 0;
    let drop = 0;
    while (drop < this.undurable.length && (this.undurable[drop] as Undurable).seq <= durableSeq) drop += 1;
    if (drop > 0) this.undurable.splice(0, drop);
  }

  /** A commit could not be made durable: undo every undurable commit, then answer the caller. */
  private async failed(error: unknown): Promise<never> {
    this.recovering ??= this.withLock(() => this.recover(error)).finally(() => {
      this.recovering = null;
    });
    await this.recovering;
    throw new UnavailableError('数据未能写入磁盘，本次操作未生效', error);
  }

  private async recover(error: unknown): Promise<void> {
    if (!this.journal) return;
    const durableSeq = this.journal.durableSeq;
    const undone = this.undurable.filter((u) => u.seq > durableSeq);
    for (const commit of undone.reverse()) this.restore(commit.before);
    this.undurable = [];
    this.options.logger?.error({ err: error, undoneCommits: undone.length, lastDurableCommit: durableSeq }, 'embedded store: journal write or sync failed; undid every commit not on disk');
    try {
      await this.journal.recover();
    } catch (repairError) {
      this.options.logger?.error({ err: repairError }, 'embedded store: cannot cut the journal back to its last durable commit; refusing writes until restart');
    }
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

  /** Checked under the lock before a change is applied, so a refused write never touches memory. */
  private assertWritable(): void {
    this.assertOpen();
    if (this.journal?.failed) throw new UnavailableError('数据存储暂时无法写入磁盘');
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
        if (!doc) return null;
        return shareable(options) ? frozen(doc) : json(doc);
      }),
      find: (filter: Filter, options: FindOptions = {}) => this.read(() => {
        const docs = coll().project(coll().match(filter, options), options.projection);
        return shareable(options) ? docs.map(frozen) : json(docs);
      }),
      count: (filter: Filter) => this.read(() => coll().count(filter)),
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
