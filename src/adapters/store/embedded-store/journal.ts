import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scanJournal, type JournalOp } from './journal-scan.js';
import { FILE_MODE, ensurePrivateDir, makePrivate } from './private-files.js';
import { encodeRecord } from './record-codec.js';
import { SNAPSHOT, readSnapshot, writeSnapshot, type SnapshotDoc } from './snapshot-file.js';

export type { JournalOp } from './journal-scan.js';

export const JOURNAL = 'journal.jsonl';

/** What the journal needs from its open file; a seam so tests can make a real file's sync fail. */
export interface JournalFile {
  /** Appends all of `data` at the end of the file. */
  append(data: Buffer): Promise<void>;
  /** fdatasync: the bytes appended so far are on the device. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenJournalFile = (path: string) => Promise<JournalFile>;

export const openJournalFile: OpenJournalFile = async (path) => {
  const handle = await open(path, 'a', FILE_MODE);
  return {
    async append(data) {
      let written = 0;
      while (written < data.length) written += (await handle.write(data, written, data.length - written)).bytesWritten;
    },
    datasync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
};

/** How syncing has gone so far: what `npm run bench:api` prints as the per-commit sync cost. */
export interface SyncStats {
  commits: number;
  syncs: number;
  /** Total time spent in fdatasync, ms. */
  syncMs: number;
  maxSyncMs: number;
}

export interface LoadReport {
  /** Commits replayed from the journal. */
  replayed: number;
  /** The torn tail that was cut off, if any. */
  truncated: { bytes: number; afterSeq: number; reason: string } | null;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Durability for the embedded store: an append-only journal of committed writes plus a snapshot.
 *
 * Group commit: `append` queues a commit's line and returns at once; one drain loop writes every
 * queued line in one `write` and makes it durable with one `fdatasync`, then resolves all of those
 * commits together. Commits queued while a sync runs form the next batch, so concurrent writers share
 * syncs instead of queueing one sync each.
 *
 * After a failed write or sync the journal refuses every commit until `recover()` has cut the file
 * back to its last durable length: what is on disk after a failed sync cannot be trusted, and a later
 * commit must never be durable when one before it is not.
 */
export class Journal {
  private file: JournalFile | null = null;
  private pending: Buffer[] = [];
  private waiters: Waiter[] = [];
  private writing: Promise<void> | null = null;
  private durableBytes = 0;
  private queuedBytes = 0;
  private failure: unknown = null;
  /** The last commit number handed out. */
  seq = 0;
  /** The last commit number known to be on disk. */
  durableSeq = 0;
  readonly stats: SyncStats = { commits: 0, syncs: 0, syncMs: 0, maxSyncMs: 0 };

  constructor(
    private readonly dir: string,
    private readonly openFile: OpenJournalFile = openJournalFile,
  ) {}

  /**
   * Reads the snapshot and the journal, calling `apply` for each document and op in commit order. A
   * torn tail is truncated (and reported); any other damage throws a CorruptStoreError.
   */
  async load(applyDoc: (doc: SnapshotDoc) => void, applyOp: (op: JournalOp) => void): Promise<LoadReport> {
    await ensurePrivateDir(this.dir);
    const path = join(this.dir, JOURNAL);
    await makePrivate(path);
    await makePrivate(join(this.dir, SNAPSHOT));
    const snapshotSeq = await readSnapshot(this.dir, applyDoc);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      bytes = Buffer.alloc(0);
    }
    const scan = scanJournal(bytes, path, snapshotSeq);
    for (const entry of scan.entries) for (const op of entry.o) applyOp(op);
    this.seq = scan.entries.at(-1)?.s ?? snapshotSeq;
    this.durableSeq = this.seq;
    this.file = await this.openFile(path);
    if (scan.torn) {
      // Cut the torn bytes off before anything is appended, or the next commit would land behind them
      // and be lost at the next load.
      await this.file.truncate(scan.validBytes);
      await this.file.datasync();
    }
    this.durableBytes = scan.validBytes;
    this.queuedBytes = scan.validBytes;
    return { replayed: scan.entries.length, truncated: scan.torn };
  }

  /** Bytes in the journal, including commits queued but not yet written. */
  get size(): number {
    return this.queuedBytes;
  }

  /** Why the journal refuses commits, or null when it accepts them. */
  get failed(): unknown {
    return this.failure;
  }

  /**
   * Queues one commit. Returns its number and a promise that resolves once it is on disk (fdatasync),
   * or rejects when the batch it belongs to could not be written or synced.
   */
  append(ops: JournalOp[]): { seq: number; durable: Promise<void> } {
    if (this.failure) return { seq: this.seq, durable: Promise.reject(this.failure) };
    this.seq += 1;
    const seq = this.seq;
    const line = Buffer.from(encodeRecord({ s: seq, o: ops }), 'utf8');
    this.pending.push(line);
    this.queuedBytes += line.length;
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.writing ??= this.drain();
    return { seq, durable };
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = Buffer.concat(this.pending);
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          if (!this.file) throw new Error('journal is closed');
          await this.file.append(batch);
          const started = performance.now();
          await this.file.datasync();
          const took = performance.now() - started;
          this.stats.syncs += 1;
          this.stats.commits += waiters.length;
          this.stats.syncMs += took;
          this.stats.maxSyncMs = Math.max(this.stats.maxSyncMs, took);
          this.durableBytes += batch.length;
          this.durableSeq = waiters.at(-1)?.seq ?? this.durableSeq;
          for (const w of waiters) w.resolve();
        } catch (error) {
          this.failure = error;
          // Everything queued behind the failed batch fails with it: it may depend on what was lost.
          const doomed = [...waiters, ...this.waiters];
          this.pending = [];
          this.waiters = [];
          for (const w of doomed) w.reject(error);
          return;
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits until every queued commit is durable; throws when the journal has failed. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.failure) throw this.failure;
  }

  /**
   * After a failure: cuts the file back to its last durable length and syncs it, so the bytes of the
   * failed batch cannot be replayed later, then accepts commits again. Throws (and stays failed) when
   * the file cannot be repaired.
   */
  async recover(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.failure) return;
    if (!this.file) throw new Error('journal is closed');
    await this.file.truncate(this.durableBytes);
    await this.file.datasync();
    this.queuedBytes = this.durableBytes;
    this.seq = this.durableSeq;
    this.failure = null;
  }

  /** Writes `docs` as the new snapshot (atomically, directory synced) and empties the journal. */
  async compact(docs: () => Iterable<SnapshotDoc>): Promise<void> {
    await this.flush();
    await writeSnapshot(this.dir, this.seq, docs());
    if (this.file) {
      await this.file.truncate(0);
      await this.file.datasync();
    }
    this.durableBytes = 0;
    this.queuedBytes = 0;
  }

  async close(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.file) {
      await this.file.close();
      this.file = null;
    }
  }
}
