import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import { buildOrder } from '../helpers/fixtures.js';
import { runToEnd, startEngineProcess, type EngineProcess } from '../helpers/engine-process.js';
import { prepareDataDir, type PreparedDataDir } from '../helpers/data-dir-setup.js';
import { join } from 'node:path';

const post = (engine: EngineProcess, path: string, token: string, body: unknown) =>
  fetch(`${engine.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('one process per data directory', () => {
  let prepared: PreparedDataDir;
  let engine: EngineProcess;
  const orderIds: string[] = [];

  beforeAll(async () => {
    prepared = await prepareDataDir({ craftsmen: 0 });
    engine = await startEngineProcess(prepared.env);
    const created = await post(engine, '/api/orders', prepared.tokens.enterprise, buildOrder({ title: '锁测试之前的需求' }));
    expect(created.status).toBe(201);
    orderIds.push(((await created.json()) as { _id: string })._id);
  }, 240_000);

  afterAll(async () => {
    if (engine.child.exitCode === null) engine.child.kill('SIGKILL');
  });

  it('when a second engine, seed, reindex or a worker starts on the running engine\'s data directory, then each exits non-zero naming the holder and saying what to do, and the first engine is intact', async () => {
    const env = { ...prepared.env, PORT: '0' };
    const [second, seed, reindex, worker] = await Promise.all([
      runToEnd('src/main.ts', env),
      runToEnd('scripts/seed.ts', env, ['--force']),
      runToEnd('scripts/reindex.ts', env),
      runToEnd('src/worker.ts', env),
    ]);
    const holder = `process ${engine.child.pid}`;
    for (const run of [second, seed, reindex, worker]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`正被进程 ${engine.child.pid}`);
      expect(run.stderr).toContain(holder);
    }
    expect(second.stderr).toContain('请先停止正在运行的引擎');
    expect(seed.stderr).toContain('请先停止引擎再运行 npm run seed');
    expect(reindex.stderr).toContain('POST /api/admin/reindex');
    expect(worker.stderr).toContain('MONGODB_URI');

    // The first engine did not notice: it reads and writes as before, and keeps both orders through a restart.
    const after = await post(engine, '/api/orders', prepared.tokens.enterprise, buildOrder({ title: '锁测试之后的需求' }));
    expect(after.status).toBe(201);
    orderIds.push(((await after.json()) as { _id: string })._id);
    const reindexed = await post(engine, '/api/admin/reindex', prepared.tokens.admin, {});
    expect(reindexed.status).toBe(200);
    expect(await reindexed.json()).toMatchObject({ orders: 2 });
    engine.child.kill('SIGTERM');
    expect(await engine.exited).toBe(0);

    const store = new EmbeddedStore({ dataDir: join(prepared.dataDir, 'store') });
    await store.connect();
    try {
      expect((await store.collection('orders').find({}, { sort: { _id: 1 } })).map((o) => o._id).sort()).toEqual([...orderIds].sort());
    } finally {
      await store.close();
    }
  }, 300_000);
});
