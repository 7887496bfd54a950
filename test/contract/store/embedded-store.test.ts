import { mkdtemp, readFile, appendFile, readdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import { storeContract } from './store.contract.js';

storeContract('embedded (in memory)', async () => {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  return store;
});

storeContract('embedded (on disk)', async () => {
  const store = new EmbeddedStore({ dataDir: await mkdtemp(join(tmpdir(), 'jx-store-')) });
  await store.connect();
  return store;
});

describe('embedded store durability', () => {
  it('when the store is closed and reopened, then everything written is still there', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-durable-'));
    const first = new EmbeddedStore({ dataDir });
    await first.connect();
    await first.collection('orders').insertMany([{ _id: 'o1', status: 'open' }, { _id: 'o2', status: 'open' }]);
    await first.collection('orders').updateOne({ _id: 'o1' }, { $set: { status: 'closed' } });
    await first.collection('orders').deleteOne({ _id: 'o2' });
    await first.collection('users').insertOne({ _id: 'u1', username: '张伟' });
    await first.close();

    const second = new EmbeddedStore({ dataDir });
    await second.connect();
    expect(await second.collection('orders').find({})).toEqual([{ _id: 'o1', status: 'closed' }]);
    expect(await second.collection('users').findById('u1')).toEqual({ _id: 'u1', username: '张伟' });
    await second.close();
  });

  it('when the process dies without closing, then committed writes are replayed from the journal', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-crash-'));
    const first = new EmbeddedStore({ dataDir });
    await first.connect();
    await first.collection('orders').insertOne({ _id: 'o1', status: 'open' });
    await first.collection('orders').updateOne({ _id: 'o1' }, { $set: { status: 'offered' } });
    // No close(): the files as a crash leaves them (without the dead process's lock), plus a torn last line from a write cut short.
    const afterCrash = await mkdtemp(join(tmpdir(), 'jx-crash-copy-'));
    await cp(dataDir, afterCrash, { recursive: true, filter: (src) => !src.endsWith('LOCK') });
    await appendFile(join(afterCrash, 'journal.jsonl'), '3a5b09c1 {"s":3,"o":[["orders","o1",{"_id":"o1","sta');
    await first.close();

    const second = new EmbeddedStore({ dataDir: afterCrash });
    await second.connect();
    expect(await second.collection('orders').findById('o1')).toEqual({ _id: 'o1', status: 'offered' });
    await second.collection('orders').insertOne({ _id: 'o2', status: 'open' });
    await second.close();

    const third = new EmbeddedStore({ dataDir: afterCrash });
    await third.connect();
    expect(await third.collection('orders').count({})).toBe(2);
    await third.close();
  });

  it('when the journal outgrows its limit, then it is compacted into a snapshot without losing data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-compact-'));
    const store = new EmbeddedStore({ dataDir, compactAtBytes: 2_000 });
    await store.connect();
    for (let i = 0; i < 100; i += 1) await store.collection('orders').insertOne({ _id: `o${i}`, title: '数控机床主轴异响排查', i });
    await store.collection('orders').count({});
    expect(await readdir(dataDir)).toContain('snapshot.jsonl');
    const journal = await readFile(join(dataDir, 'journal.jsonl'), 'utf8');
    expect(journal.length).toBeLessThan(20_000);
    await store.close();
    const again = new EmbeddedStore({ dataDir });
    await again.connect();
    expect(await again.collection('orders').count({})).toBe(100);
    await again.close();
  });
});
