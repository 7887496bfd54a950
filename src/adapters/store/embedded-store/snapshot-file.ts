import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CorruptStoreError } from './journal-scan.js';
import { FILE_MODE, syncDir } from './private-files.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

export const SNAPSHOT = 'snapshot.jsonl';

export type SnapshotDoc = [collection: string, doc: Record<string, unknown>];

/**
 * Writes a full snapshot atomically: a temporary file, synced, renamed over the old one, and the
 * directory synced so the rename itself survives a power cut. A header carries the commit number the
 * snapshot contains; a trailer carries the document count, so a snapshot cut short is detected.
 */
export async function writeSnapshot(dir: string, seq: number, docs: Iterable<SnapshotDoc>): Promise<{ docs: number; bytes: number }> {
  const tmp = join(dir, `${SNAPSHOT}.tmp`);
  const out = await open(tmp, 'w', FILE_MODE);
  let count = 0;
  let bytes = 0;
  try {
    let chunk = encodeRecord({ seq, v: 2 });
    for (const [c, d] of docs) {
      chunk += encodeRecord({ c, d });
      count += 1;
      if (chunk.length > 1 << 20) {
        bytes += (await out.write(chunk)).bytesWritten;
        chunk = '';
      }
    }
    chunk += encodeRecord({ end: count });
    bytes += (await out.write(chunk)).bytesWritten;
    await out.sync();
  } catch (error) {
    await out.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await out.close();
  await rename(tmp, join(dir, SNAPSHOT));
  await syncDir(dir);
  return { docs: count, bytes };
}

/** Reads the snapshot (if any), calling `apply` per document; returns the commit number it contains. */
export async function readSnapshot(dir: string, apply: (doc: SnapshotDoc) => void): Promise<number> {
  const path = join(dir, SNAPSHOT);
  try {
    await stat(path);
  } catch {
    return 0;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let seq = 0;
  let offset = 0;
  let count = 0;
  let checked = false;
  let ended = false;
  let first = true;
  for await (const line of lines) {
    const raw = Buffer.from(line, 'utf8');
    const at = offset;
    offset += raw.length + 1;
    if (line.trim() === '') continue;
    const decoded = decodeRecord(raw);
    if (!decoded.ok) throw new CorruptStoreError(path, at, decoded.reason);
    if (ended) throw new CorruptStoreError(path, at, 'data after the end marker');
    const value = decoded.value as { seq?: number; v?: number; c?: string; d?: Record<string, unknown>; end?: number };
    if (first) {
      first = false;
      seq = value.seq ?? 0;
      // Snapshots from before checksums have no version and no end marker.
      checked = value.v === 2;
      continue;
    }
    if (value.end !== undefined) {
      if (value.end !== count) throw new CorruptStoreError(path, at, `end marker says ${value.end} documents, found ${count}`);
      ended = true;
    } else if (value.c && value.d) {
      apply([value.c, value.d]);
      count += 1;
    } else {
      throw new CorruptStoreError(path, at, 'not a document record');
    }
  }
  if (checked && !ended) throw new CorruptStoreError(path, offset, 'the end marker is missing: the snapshot is cut short');
  return seq;
}
