import { decodeRecord, splitLines } from './record-codec.js';

/** One committed write: the final state of each touched document (`null` = deleted). */
export type JournalOp = [collection: string, id: string, doc: Record<string, unknown> | null];

export interface JournalEntry {
  s: number;
  o: JournalOp[];
}

/** The store's files hold damage that repairing the tail cannot explain: opening stops and says where. */
export class CorruptStoreError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    detail: string,
  ) {
    super(
      `存储文件已损坏：${file} 第 ${offset} 字节处（${detail}）。为免丢失已确认的数据，引擎不会跳过它；请从备份恢复（npm run restore），或联系维护人员检查该文件。` +
        ` / Store file corrupt: ${file} at byte ${offset} (${detail}). Refusing to skip it so no acknowledged write is lost silently; restore a backup (npm run restore) or have the file inspected.`,
    );
    this.name = 'CorruptStoreError';
  }
}

export interface JournalScan {
  entries: JournalEntry[];
  /** Bytes from the start that hold complete, valid commits: the file is truncated here when shorter. */
  validBytes: number;
  /** The torn tail cut off, if any: how many bytes and the last commit kept before it. */
  torn: { bytes: number; afterSeq: number; reason: string } | null;
}

function isEntry(value: unknown): value is JournalEntry {
  const v = value as JournalEntry | null;
  return typeof v === 'object' && v !== null && Number.isInteger(v.s) && Array.isArray(v.o);
}

/**
 * Reads a journal's bytes. A crash can only tear the end of the file (the last batch was being
 * written), so bad bytes with nothing valid after them are a torn tail: they are reported for
 * truncation. A bad record followed by a good one, or a gap in the commit sequence, cannot come
 * from a crash: that is corruption, and it throws rather than skip commits that were acknowledged.
 */
export function scanJournal(buffer: Buffer, file: string, snapshotSeq: number): JournalScan {
  const entries: JournalEntry[] = [];
  let validBytes = 0;
  let lastSeq = snapshotSeq;
  let previous: number | null = null;
  let bad: { offset: number; reason: string } | null = null;
  for (const line of splitLines(buffer)) {
    const decoded = line.terminated ? decodeRecord(buffer.subarray(line.start, line.end)) : ({ ok: false, reason: 'unterminated last line' } as const);
    const valid = decoded.ok && isEntry(decoded.value);
    if (bad) {
      if (valid) throw new CorruptStoreError(file, bad.offset, `${bad.reason}; valid commits follow it`);
      continue;
    }
    if (!valid) {
      bad = { offset: line.start, reason: decoded.ok ? 'not a commit record' : decoded.reason };
      continue;
    }
    const entry = decoded.value as JournalEntry;
    // Commits are numbered one by one; lines at or below the snapshot's number are already in it
    // (a compaction stopped between renaming the snapshot and emptying the journal).
    if (previous !== null ? entry.s !== previous + 1 : entry.s > snapshotSeq + 1) {
      throw new CorruptStoreError(file, line.start, `commit ${entry.s} follows ${previous ?? `snapshot ${snapshotSeq}`}: commits are missing`);
    }
    previous = entry.s;
    validBytes = line.end + 1;
    if (entry.s > snapshotSeq) {
      entries.push(entry);
      lastSeq = entry.s;
    }
  }
  const torn = bad ? { bytes: buffer.length - bad.offset, afterSeq: lastSeq, reason: bad.reason } : null;
  return { entries, validBytes: bad ? bad.offset : validBytes, torn };
}
