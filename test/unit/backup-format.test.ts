import { describe, expect, it } from 'vitest';
import { BackupInvalidError, backupLines, readBackupLines } from '../../src/services/backup-format.js';
import type { Doc } from '../../src/ports/store.js';

const docs: Array<[string, Doc]> = [
  ['orders', { _id: 'o1', title: '焊缝渗漏' }],
  ['users', { _id: 'u1', username: 'dy.union' }],
];

async function linesOf(chunks: AsyncIterable<string>): Promise<string[]> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text.split('\n');
}

async function* each(lines: string[]) {
  yield* lines;
}

describe('backup format', () => {
  it('when a backup is read back, then every document comes out with the header it was written with', async () => {
    const lines = await linesOf(backupLines({ store: 'embedded', seq: 7, createdAt: '2026-06-01T00:00:00.000Z' }, docs));
    const read: Array<[string, Doc]> = [];
    const result = await readBackupLines(each(lines), (c, d) => read.push([c, d]));
    expect(result).toMatchObject({ header: { seq: 7, store: 'embedded' }, docs: 2 });
    expect(read).toEqual(docs);
  });

  it('when a document line was changed, dropped or the file cut short, then reading refuses', async () => {
    const lines = await linesOf(backupLines({ store: 'embedded', seq: 7, createdAt: '2026-06-01T00:00:00.000Z' }, docs));
    const changed = lines.map((l) => l.replace('焊缝', '管道'));
    await expect(readBackupLines(each(changed), () => undefined)).rejects.toThrow(/checksum mismatch/);
    const dropped = lines.filter((l) => !l.includes('"u1"'));
    await expect(readBackupLines(each(dropped), () => undefined)).rejects.toThrow(BackupInvalidError);
    await expect(readBackupLines(each(lines.slice(0, 2)), () => undefined)).rejects.toThrow(/cut short/);
  });
});
