/** Reading a backup file from disk: gunzip, split lines, verify (shared by `npm run backup` and `npm run restore`). */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Doc } from '../src/ports/store.js';
import { readBackupLines, type BackupHeader } from '../src/services/backup-format.js';

export async function readBackupFile(path: string, onDoc: (collection: string, doc: Doc) => void = () => undefined): Promise<{ header: BackupHeader; docs: number }> {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  // A damaged gzip stream errors on `input`; readline does not pass that on, so race it in.
  const failed = new Promise<never>((_, reject) => input.once('error', reject));
  return Promise.race([readBackupLines(lines, onDoc), failed]);
}
