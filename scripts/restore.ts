/**
 * `npm run restore -- <backup.jsonl.gz> [--force]`: verifies a backup (gzip, count, SHA-256) and loads
 * it as the whole store of DATA_DIR. Refuses a data directory that already holds a store unless
 * `--force`, and always refuses one an engine is running on.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { restoreEmbeddedStore } from '../src/engine.js';
import type { Doc } from '../src/ports/store.js';
import { readBackupFile } from './backup-file.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('用法 / usage: npm run restore -- <backup.jsonl.gz> [--force]');
  const docs: Array<[string, Doc]> = [];
  const { header } = await readBackupFile(file, (collection, doc) => docs.push([collection, doc]));
  const dir = await restoreEmbeddedStore(config, { seq: header.seq, docs }, { force: values.force });
  console.log(`恢复完成 / restored: ${docs.length} 条文档（提交 ${header.seq}，备份于 ${header.createdAt}）→ ${dir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
