import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { FILE_MODE } from './private-files.js';

const LOCK = 'LOCK';

/** Who holds a data directory: written into its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder runs (`main.ts`, `seed.ts` …), to name it in the refusal. */
  command: string;
  since: string;
}

/** Another process owns the data directory. The message names the holder in Chinese and English. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `进程 ${holder.pid}（主机 ${holder.host}，${holder.command}，自 ${holder.since} 起）` : '另一个进程';
    const whoEn = holder ? `process ${holder.pid} on host ${holder.host} (${holder.command}, since ${holder.since})` : 'another process';
    super(
      `数据目录 ${dir} 正被${who}使用，同一数据目录只允许一个进程写入。` +
        ` / Data directory ${dir} is in use by ${whoEn}; only one process may write to a data directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Directories this process has locked. A lock is a property of the process, not of one store object,
 * so this is process-wide state on purpose: a second store opened on the same directory in the same
 * process is refused like a second process would be, and a lock file carrying our own pid that we do
 * not hold is recognised as left over by an earlier process that had the same pid (a container restart).
 */
const heldHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Whether the holder is certainly gone: a process on this host that is no longer running. */
function isStale(holder: LockHolder | null, path: string): boolean {
  if (!holder || holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(path);
  return !isAlive(holder.pid);
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the exclusive lock of `dir`: a `LOCK` file holding pid, host and command, created with an
 * atomic link() so two starting processes cannot both win. A lock left by a dead process on this host
 * is taken over; a live holder, or one on another host (whose liveness cannot be checked from here),
 * makes this throw DataDirLockedError.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const path = join(dir, LOCK);
  if (heldHere.has(path)) throw new DataDirLockedError(dir, await readHolder(path));
  const me: LockHolder = { pid: process.pid, host: hostname(), command: basename(process.argv[1] ?? 'node'), since: new Date().toISOString() };
  const tmp = join(dir, `${LOCK}.${process.pid}.${Date.now()}`);
  const out = await open(tmp, 'w', FILE_MODE);
  try {
    await out.writeFile(`${JSON.stringify(me)}\n`);
    await out.sync();
  } finally {
    await out.close();
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(tmp, path);
        heldHere.add(path);
        return {
          async release() {
            heldHere.delete(path);
            // Only remove the file while it is still ours.
            const holder = await readHolder(path);
            if (holder?.pid === me.pid && holder.since === me.since) await rm(path, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(path);
      if (!isStale(holder, path)) throw new DataDirLockedError(dir, holder);
      // Move the stale file aside (atomic) and check it is the one we judged stale: another process
      // may have taken it over in between, and then its fresh lock must go back in place.
      const aside = `${tmp}.stale`;
      await rename(path, aside).catch(() => undefined);
      const moved = await readHolder(aside);
      if (moved && (moved.pid !== holder?.pid || moved.since !== holder.since)) {
        await link(aside, path).catch(() => undefined);
        await rm(aside, { force: true });
        throw new DataDirLockedError(dir, moved);
      }
      await rm(aside, { force: true });
    }
    throw new DataDirLockedError(dir, await readHolder(path));
  } finally {
    await rm(tmp, { force: true });
  }
}
