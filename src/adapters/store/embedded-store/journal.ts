import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One committed write: the final state of each touched document (`null` = deleted). */
export type JournalOp = [collection: string, id: string, doc: Record<string, unknown> | null];

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL = 'journal.jsonl';

/**
 * Durability for the embedded store: an append-only journal of committed writes plus a snapshot.
 * A commit is one line, so a crash mid-write leaves at most a torn last line, which loading skips.
 * Compaction writes a new snapshot to a temporary file, syncs it and renames it over the old one
 * (atomic on POSIX), then empties the journal; lines already in the snapshot are skipped by `seq`.
 */
export class Journal {
  private handle: FileHandle | null = null;
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private writing: Promise<void> | null = null;
  private bytes = 0;
  seq = 0;

  constructor(private readonly dir: string) {}

  /** Reads the snapshot and the journal, calling `apply` for each op in commit order. */
  async load(apply: (op: JournalOp) => void): Promise<{ tornLines: number }> {
    await mkdir(this.dir, { recursive: true });
    let snapshotSeq = 0;
    await readLines(join(this.dir, SNAPSHOT), (line, isFirst) => {
      const parsed = JSON.parse(line) as { seq?: number; c?: string; d?: Record<string, unknown> };
      if (isFirst) snapshotSeq = parsed.seq ?? 0;
      else if (parsed.c && parsed.d) apply([parsed.c, String(parsed.d._id), parsed.d]);
    });
    this.seq = snapshotSeq;
    let tornLines = 0;
    await readLines(join(this.dir, JOURNAL), (line) => {
      let entry: { s: number; o: JournalOp[] };
      try {
        entry = JSON.parse(line) as { s: number; o: JournalOp[] };
      } catch {
        tornLines += 1;
        return;
      }
      if (entry.s <= snapshotSeq) return;
      for (const op of entry.o) apply(op);
      this.seq = entry.s;
    });
    this.handle = await open(join(this.dir, JOURNAL), 'a+');
    this.bytes = (await stat(join(this.dir, JOURNAL))).size;
    return { tornLines };
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends one commit; resolves once it is written to the file (group-committed with its neighbours). */
  append(ops: JournalOp[]): Promise<void> {
    this.seq += 1;
    const line = `${JSON.stringify({ s: this.seq, o: ops })}\n`;
    this.pending.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.writing) this.writing = this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.join('');
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          if (!this.handle) throw new Error('journal is closed');
          await this.handle.write(batch);
          this.bytes += Buffer.byteLength(batch);
          for (const w of waiters) w.resolve();
        } catch (error) {
          for (const w of waiters) w.reject(error);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits until every appended commit is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Writes `docs` as the new snapshot (atomically) and empties the journal. */
  async compact(docs: () => Iterable<[collection: string, doc: Record<string, unknown>]>): Promise<void> {
    await this.flush();
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`);
    const out = await open(tmp, 'w');
    try {
      let chunk = `${JSON.stringify({ seq: this.seq })}\n`;
      for (const [c, d] of docs()) {
        chunk += `${JSON.stringify({ c, d })}\n`;
        if (chunk.length > 1 << 20) {
          await out.write(chunk);
          chunk = '';
        }
      }
      await out.write(chunk);
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, join(this.dir, SNAPSHOT));
    if (this.handle) {
      await this.handle.truncate(0);
      await this.handle.sync();
    }
    this.bytes = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.handle) {
      await this.handle.sync();
      await this.handle.close();
      this.handle = null;
    }
  }
}

async function readLines(path: string, onLine: (line: string, isFirst: boolean) => void): Promise<void> {
  let stream;
  try {
    await stat(path);
    stream = createReadStream(path, { encoding: 'utf8' });
  } catch {
    return;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    onLine(line, first);
    first = false;
  }
}
