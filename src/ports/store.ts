/**
 * Store port: document collections with MongoDB query semantics.
 * Adapters: embedded (mingo over an in-process journal, the default) and mongo (mongoose).
 * Documents carry a string `_id` chosen by the caller; timestamps are ISO-8601 strings.
 */
export type Doc = { _id: string } & Record<string, unknown>;

/** A MongoDB query document (`{ status: { $in: [...] } }`). Build it from validated values only. */
export type Filter = Record<string, unknown>;

/** MongoDB update operators the core uses. */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, '' | 1 | true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $min?: Record<string, unknown>;
  $max?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** Inclusion (`{ name: 1 }`) or exclusion (`{ bio: 0 }`) projection. */
  projection?: Record<string, 0 | 1>;
  /**
   * The caller only reads what it gets (sends it, compares it) and never changes it. A store may then
   * hand out a shared, deeply frozen document instead of a copy: changing it throws, so a reader's
   * change can never reach what is stored. Without the flag every result is the caller's own copy.
   */
  readOnly?: boolean;
}

export interface UpdateOptions {
  /** Insert `{...equality fields of filter, ...$set, ...$setOnInsert}` when nothing matches. */
  upsert?: boolean;
  /** Which document to update when several match. */
  sort?: SortSpec;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  /** Inserts one document; throws DuplicateKeyError when a unique index (or `_id`) is taken. Returns a copy. */
  insertOne(doc: T): Promise<T>;
  /** Inserts all or none (ordered; a DuplicateKeyError leaves the collection unchanged). */
  insertMany(docs: T[]): Promise<void>;
  /** The document with this `_id`, or null. */
  findById(id: string): Promise<T | null>;
  /** The first match in `sort` order, or null. */
  findOne(filter: Filter, options?: FindOptions): Promise<T | null>;
  /** All matches, sorted, skipped and limited as asked. Copies: mutating them changes nothing stored. */
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Atomically applies `update` to one document matching `filter` (the first in `options.sort` order).
   * Returns the document after the update, or null when nothing matched (a lost race on a conditional
   * filter is null, never an error). A unique-index violation throws DuplicateKeyError and changes nothing.
   */
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<T | null>;
  /** Applies `update` to every match; returns how many matched. */
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Replaces the whole document with the same `_id`; returns false when it does not exist. */
  replaceOne(doc: T): Promise<boolean>;
  /** True when a document was deleted. */
  deleteOne(filter: Filter): Promise<boolean>;
  /** How many were deleted. */
  deleteMany(filter: Filter): Promise<number>;
  /** Runs a MongoDB aggregation pipeline ($match first so indexes can narrow the scan). */
  aggregate<R = Record<string, unknown>>(pipeline: Record<string, unknown>[]): Promise<R[]>;
}

/** Every document of a store at one commit (see `Store.snapshot`). */
export interface StoreSnapshot {
  /** The commit the snapshot is at. */
  seq: number;
  docs: Iterable<[collection: string, doc: Doc]>;
}

/** Figures an adapter may report about its own storage (for /metrics). */
export interface StoreStats {
  /** Bytes in the write-ahead journal not yet folded into a snapshot. */
  journalBytes: number;
  /** Compactions since the process started. */
  compactions: number;
  /** Duration of the last compaction in seconds, or null before the first. */
  lastCompactionSeconds: number | null;
}

export interface Store {
  /** `embedded` or `mongo`: shown on /readyz. */
  readonly adapter: string;
  /** Storage figures, where the adapter keeps its own files (embedded); absent where the database reports them (mongo). */
  stats?(): StoreStats;
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  /**
   * Runs `fn` so that every write made through this store while it runs (including in nested awaits)
   * is applied all together or not at all. Throwing inside rolls every write back and rethrows.
   * Embedded: transactions are serialised. Mongo: a session transaction (needs a replica set).
   */
  transaction<R>(fn: () => Promise<R>): Promise<R>;
  /** Opens files or connections and ensures indexes. Throws with what to check when it cannot. */
  connect(): Promise<void>;
  /** Whether the backend answers now. */
  ping(): Promise<boolean>;
  /**
   * Every document at one consistent, durable point, for backups taken through the running engine.
   * Only the embedded store offers it; MongoDB is backed up with mongodump.
   */
  snapshot?(): Promise<StoreSnapshot>;
  /** Makes everything written so far durable, then releases resources. */
  close(): Promise<void>;
}
