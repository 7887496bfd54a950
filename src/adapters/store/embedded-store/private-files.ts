import { chmod, mkdir, open } from 'node:fs/promises';

/** Store files hold password hashes, phone numbers and webhook secrets: only the owner may read them. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Creates `dir` (and missing parents) as 0700, and tightens it when it already existed with wider rights. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  await chmod(dir, DIR_MODE);
}

/** Tightens an existing file to 0600 (files from earlier versions were created 0644); a missing file is fine. */
export async function makePrivate(path: string): Promise<void> {
  try {
    await chmod(path, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Syncs a directory so a rename or a new file in it survives a power cut: the rename itself lives in
 * the directory's metadata, which syncing the file does not write.
 */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
