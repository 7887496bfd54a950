import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { JOURNAL } from './journal.js';
import { ensurePrivateDir, syncDir } from './private-files.js';
import { SNAPSHOT, writeSnapshot, type SnapshotDoc } from './snapshot-file.js';

/** The target already holds a store and `--force` was not given. */
export class DataDirNotEmptyError extends Error {
  constructor(readonly dir: string) {
    super(`数据目录 ${dir} 中已有数据，未恢复。确认要覆盖时请加 --force。 / Data directory ${dir} already holds a store; nothing restored. Add --force to replace it.`);
    this.name = 'DataDirNotEmptyError';
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Makes `docs` the whole content of the store in `dir`, as of commit `seq`. Takes the directory's lock
 * first, so it refuses while an engine runs on it, even with `force`.
 */
export async function restoreStore(dir: string, backup: { seq: number; docs: SnapshotDoc[] }, options: { force: boolean }): Promise<void> {
  await ensurePrivateDir(dir);
  const lock = await lockDataDir(dir);
  try {
    const existing = (await sizeOf(join(dir, SNAPSHOT))) + (await sizeOf(join(dir, JOURNAL)));
    if (existing > 0 && !options.force) throw new DataDirNotEmptyError(dir);
    // The old journal goes first: its commit numbers mean nothing against the restored snapshot, and a
    // crash between the two steps must not replay them onto it (an interrupted restore is simply rerun).
    await rm(join(dir, JOURNAL), { force: true });
    await syncDir(dir);
    await writeSnapshot(dir, backup.seq, backup.docs);
  } finally {
    await lock.release();
  }
}
