import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Doc } from '../ports/store.js';

/**
 * A backup is JSON lines (gzip-compressed on the wire and on disk): a header naming the format and
 * the commit it was taken at, one line per document, and a trailer with the document count and the
 * SHA-256 of every line before it. gzip's own CRC catches a damaged file; the trailer also catches a
 * file cut short at a line boundary, and the hash ties the documents to the header.
 */
export const BACKUP_FORMAT = 'jiangxin-backup';

const headerSchema = z.object({ format: z.literal(BACKUP_FORMAT), version: z.literal(1), store: z.string(), seq: z.number().int().min(0), createdAt: z.string() });
const docLineSchema = z.object({ c: z.string().min(1), d: z.object({ _id: z.string().min(1) }).passthrough() });
const trailerSchema = z.object({ end: z.literal(true), docs: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export type BackupHeader = z.infer<typeof headerSchema>;

/** The lines of a backup of `docs` taken at commit `seq`, in chunks of about 64 KB. */
export async function* backupLines(header: Omit<BackupHeader, 'format' | 'version'>, docs: Iterable<[string, Doc]>): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let chunk = `${JSON.stringify({ format: BACKUP_FORMAT, version: 1, ...header })}\n`;
  let count = 0;
  for (const [c, d] of docs) {
    chunk += `${JSON.stringify({ c, d })}\n`;
    count += 1;
    if (chunk.length >= 1 << 16) {
      hash.update(chunk);
      yield chunk;
      chunk = '';
    }
  }
  hash.update(chunk);
  yield `${chunk}${JSON.stringify({ end: true, docs: count, sha256: hash.digest('hex') })}\n`;
}

export class BackupInvalidError extends Error {
  constructor(detail: string) {
    super(`备份文件无效：${detail} / Invalid backup: ${detail}`);
    this.name = 'BackupInvalidError';
  }
}

/**
 * Reads a backup's lines (already decompressed), calling `onDoc` per document, and checks header,
 * count and hash. Throws BackupInvalidError on anything wrong; callers must not keep what `onDoc`
 * received unless this resolves.
 */
export async function readBackupLines(lines: AsyncIterable<string>, onDoc: (collection: string, doc: Doc) => void): Promise<{ header: BackupHeader; docs: number }> {
  const hash = createHash('sha256');
  let header: BackupHeader | null = null;
  let count = 0;
  for await (const line of lines) {
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BackupInvalidError(`line ${count + 2} is not JSON`);
    }
    if (!header) {
      const parsed = headerSchema.safeParse(value);
      if (!parsed.success) throw new BackupInvalidError('missing or unknown header');
      header = parsed.data;
      hash.update(`${line}\n`);
      continue;
    }
    const trailer = trailerSchema.safeParse(value);
    if (trailer.success) {
      if (trailer.data.docs !== count) throw new BackupInvalidError(`trailer says ${trailer.data.docs} documents, found ${count}`);
      if (trailer.data.sha256 !== hash.digest('hex')) throw new BackupInvalidError('checksum mismatch');
      return { header, docs: count };
    }
    const doc = docLineSchema.safeParse(value);
    if (!doc.success) throw new BackupInvalidError(`line ${count + 2} is not a document`);
    hash.update(`${line}\n`);
    onDoc(doc.data.c, doc.data.d as Doc);
    count += 1;
  }
  throw new BackupInvalidError(header ? 'the trailer is missing: the file is cut short' : 'the file is empty');
}
