import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import { buildOrder } from '../helpers/fixtures.js';
import { runToEnd, startEngineProcess } from '../helpers/engine-process.js';
import { prepareDataDir } from '../helpers/data-dir-setup.js';

describe('backup and restore', () => {
  it('when a backup is taken from the running engine under write load, then it restores into an empty directory with every write acknowledged before it, and a non-empty or running directory is refused', async () => {
    const prepared = await prepareDataDir({ craftsmen: 0 });
    const engine = await startEngineProcess(prepared.env);
    const acked: string[] = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const response = await fetch(`${engine.url}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${prepared.tokens.enterprise}`, 'content-type': 'application/json' }, body: JSON.stringify(buildOrder()) });
        if (response.status === 201) acked.push(((await response.json()) as { _id: string })._id);
      }
    };
    const writers = Promise.all([writer(), writer(), writer()]);
    while (acked.length < 20) await new Promise((resolve) => setTimeout(resolve, 50));

    const file = join(await mkdtemp(join(tmpdir(), 'jx-backup-')), 'backup.jsonl.gz');
    const before = [...acked];
    const backup = await runToEnd('scripts/backup.ts', { ...prepared.env, BACKUP_PASSWORD: prepared.adminPassword }, ['--url', engine.url, '--username', 'backup.admin', '--out', file]);
    writing = false;
    await writers;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('备份完成');

    const target = await mkdtemp(join(tmpdir(), 'jx-restored-'));
    const restoreEnv = { ...prepared.env, DATA_DIR: target };
    const restored = await runToEnd('scripts/restore.ts', restoreEnv, [file]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const [again, intoRunning] = await Promise.all([runToEnd('scripts/restore.ts', restoreEnv, [file]), runToEnd('scripts/restore.ts', prepared.env, [file, '--force'])]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有数据');
    expect(intoRunning.code).toBe(1);
    expect(intoRunning.stderr).toContain(`正被进程 ${engine.child.pid}`);
    engine.child.kill('SIGTERM');
    expect(await engine.exited).toBe(0);

    // The restored store passes the crash test's checks: every write acknowledged before the backup, with its events.
    const store = new EmbeddedStore({ dataDir: join(target, 'store') });
    await store.connect();
    try {
      expect(await store.collection('orders').count({ _id: { $in: before } })).toBe(before.length);
      const events = await store.collection('outbox').find({ type: 'order.submitted', aggregateId: { $in: before } });
      expect(new Set(events.map((e) => e.aggregateId)).size).toBe(before.length);
      expect(await store.collection('users').count({ username: 'backup.admin' })).toBe(1);
      // Documents in the backup are whole: no order without the enterprise it belongs to.
      const orders = await store.collection('orders').find({});
      const enterprises = new Set((await store.collection('enterprises').find({})).map((e) => e._id));
      for (const order of orders) expect(enterprises.has(order.enterpriseId as string)).toBe(true);
    } finally {
      await store.close();
    }
  }, 300_000);
});
