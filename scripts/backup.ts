/**
 * `npm run backup`: asks the running engine for a consistent backup (GET /api/admin/backup, as an
 * admin), writes it next to its final name, checks its count and checksum, then renames it into place.
 *
 *   BACKUP_PASSWORD=… npm run backup -- [--url http://127.0.0.1:3000] [--username admin] [--out file.jsonl.gz]
 */
import { open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config.js';
import { readBackupFile } from './backup-file.js';

const cliEnv = z.object({ BACKUP_PASSWORD: z.string().min(1, 'BACKUP_PASSWORD: the admin password is needed to take a backup') });

async function main(): Promise<void> {
  const config = loadConfig();
  const { values } = parseArgs({ options: { url: { type: 'string' }, username: { type: 'string' }, out: { type: 'string' } } });
  const env = cliEnv.safeParse(process.env);
  if (!env.success) throw new Error(env.error.issues.map((i) => i.message).join('; '));
  const url = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const out = values.out ?? `jiangxin-backup-${stamp}.jsonl.gz`;

  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: values.username ?? 'admin', password: env.data.BACKUP_PASSWORD }) });
  if (!login.ok) throw new Error(`登录失败 / login failed: HTTP ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${url}/api/admin/backup`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`备份失败 / backup refused: HTTP ${response.status} ${await response.text()}`);

  const partial = `${out}.partial`;
  const file = await open(partial, 'w', 0o600);
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), file.createWriteStream());
    const verified = await readBackupFile(partial);
    await rename(partial, out);
    console.log(`备份完成 / backup written: ${out}（${verified.docs} 条文档，提交 ${verified.header.seq}，${verified.header.createdAt}）`);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
