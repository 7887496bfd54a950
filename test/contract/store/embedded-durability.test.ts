import { appendFile, chmod, cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../../src/adapters/store/embedded-store/data-dir-lock.js';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import { openJournalFile, type OpenJournalFile } from '../../../src/adapters/store/embedded-store/journal.js';
import { CorruptStoreError } from '../../../src/adapters/store/embedded-store/journal-scan.js';
import { UnavailableError } from '../../../src/errors.js';

const open: EmbeddedStore[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
});

async function storeAt(dataDir: string, options: { openJournalFile?: OpenJournalFile; compactAtBytes?: number } = {}) {
  const store = new EmbeddedStore({ dataDir, ...options });
  await store.connect();
  open.push(store);
  return store;
}

/** The files as a crash leaves them: a copy taken while the store is still running, without its lock. */
async function crashCopy(dataDir: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'jx-after-crash-'));
  await cp(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith('LOCK') });
  return copy;
}

/** A real journal file whose fdatasync can be held back or made to fail. */
function controllableFile() {
  const control = { failNext: 0, gate: null as Promise<void> | null, syncs: 0 };
  const openFile: OpenJournalFile = async (path) => {
    const file = await openJournalFile(path);
    return {
      ...file,
      async datasync() {
        if (control.gate) await control.gate;
        if (control.failNext > 0) {
          control.failNext -= 1;
          throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        }
        control.syncs += 1;
        return file.datasync();
      },
    };
  };
  return { control, openFile };
}

const tempDir = () => mkdtemp(join(tmpdir(), 'jx-durable-'));

describe('embedded store: durable commits', () => {
  it('when a write is waiting for its sync, then it does not resolve until the sync is done', async () => {
    const { control, openFile } = controllableFile();
    const store = await storeAt(await tempDir(), { openJournalFile: openFile });
    let release!: () => void;
    control.gate = new Promise<void>((resolve) => (release = resolve));
    let done = false;
    const write = store.collection('orders').insertOne({ _id: 'o1', title: '焊缝探伤' }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    control.gate = null;
    release();
    await write;
    expect(done).toBe(true);
    expect(control.syncs).toBe(1);
  });

  it('when many clients write at once, then they share syncs (group commit) and every write is on disk', async () => {
    const dataDir = await tempDir();
    const store = await storeAt(dataDir);
    const orders = store.collection('orders');
    await Promise.all(Array.from({ length: 300 }, (_, i) => orders.insertOne({ _id: `o${i}`, n: i })));
    const stats = store.syncStats();
    expect(stats.commits).toBe(300);
    expect(stats.syncs).toBeLessThan(150);

    const reopened = await storeAt(await crashCopy(dataDir));
    expect(await reopened.collection('orders').count({})).toBe(300);
  });

  it('when a sync fails, then every write of that batch is refused and memory is exactly as before, and later writes work', async () => {
    const { control, openFile } = controllableFile();
    const dataDir = await tempDir();
    const store = await storeAt(dataDir, { openJournalFile: openFile });
    const orders = store.collection('orders');
    await orders.insertOne({ _id: 'kept', status: 'submitted', n: 1 });

    // Hold the sync so all three are applied in memory and queued behind one another, then fail it.
    let release!: () => void;
    control.gate = new Promise<void>((resolve) => (release = resolve));
    control.failNext = 1;
    const settled = Promise.allSettled([
      orders.insertOne({ _id: 'lost-1', status: 'submitted', n: 0 }),
      orders.updateOne({ _id: 'kept' }, { $set: { status: 'vetted' }, $inc: { n: 1 } }),
      store.transaction(async () => {
        await orders.insertOne({ _id: 'lost-2', status: 'submitted', n: 0 });
        await orders.deleteOne({ _id: 'kept' });
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Readers see queued changes (read concern "local"): the tx deleted 'kept' and added 'lost-2'.
    expect((await orders.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['lost-1', 'lost-2']);
    control.gate = null;
    release();
    const attempts = await settled;
    for (const attempt of attempts) {
      expect(attempt.status).toBe('rejected');
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(UnavailableError);
    }
    expect(await orders.find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'kept', status: 'submitted', n: 1 }]);

    await orders.insertOne({ _id: 'after', status: 'submitted', n: 2 });
    const reopened = await storeAt(await crashCopy(dataDir));
    expect((await reopened.collection('orders').find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['after', 'kept']);
    expect(await reopened.collection('orders').findById('kept')).toEqual({ _id: 'kept', status: 'submitted', n: 1 });
  });

  it('when code scheduled inside a transaction runs after it committed, then its write is journalled on its own', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-late-'));
    const store = await storeAt(dataDir);
    const items = store.collection<{ _id: string; n: number }>('items');
    let late: Promise<unknown> = Promise.resolve();
    await store.transaction(async () => {
      await items.insertOne({ _id: 'in-tx', n: 1 });
      // The timer inherits the transaction's async context but fires after it has committed.
      late = new Promise((resolve) => setTimeout(() => resolve(items.insertOne({ _id: 'after-tx', n: 2 })), 20));
    });
    await late;
    const reopened = await storeAt(await crashCopy(dataDir));
    expect(await reopened.collection('items').findById('after-tx')).toMatchObject({ n: 2 });
  });

  it('when a transaction is running, then outside readers see none of it until it is applied whole', async () => {
    const store = await storeAt(await tempDir());
    const orders = store.collection('orders');
    let seenInside: number | null = null;
    const tx = store.transaction(async () => {
      await orders.insertOne({ _id: 'a', n: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await orders.insertOne({ _id: 'b', n: 2 });
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    seenInside = await orders.count({});
    await tx;
    expect(seenInside).toBe(2);
  });
});

describe('embedded store: crash recovery', () => {
  it('when the process died mid-write, then the torn tail is cut off and a commit written after the crash survives the next crash', async () => {
    const dataDir = await tempDir();
    const first = await storeAt(dataDir);
    await first.collection('orders').insertOne({ _id: 'o1', status: 'submitted' });
    const crashed = await crashCopy(dataDir);
    await appendFile(join(crashed, 'journal.jsonl'), '1c2b3a4d {"s":2,"o":[["orders","o2",{"_id":"o2","sta');

    const second = await storeAt(crashed);
    await second.collection('orders').insertOne({ _id: 'o3', status: 'submitted' });
    const crashedAgain = await crashCopy(crashed);

    const third = await storeAt(crashedAgain);
    expect((await third.collection('orders').find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['o1', 'o3']);
  });

  it('when a commit in the middle of the journal is damaged, then opening fails with the offset and the file is left as it was', async () => {
    const dataDir = await tempDir();
    const store = await storeAt(dataDir);
    for (const id of ['o1', 'o2', 'o3']) await store.collection('orders').insertOne({ _id: id, title: '液压系统泄漏' });
    const copy = await crashCopy(dataDir);
    const path = join(copy, 'journal.jsonl');
    const original = await readFile(path, 'utf8');
    const lines = original.split('\n');
    lines[1] = lines[1]!.replace('液压', '气压');
    await writeFile(path, lines.join('\n'));

    const damaged = new EmbeddedStore({ dataDir: copy });
    const failure = await damaged.connect().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(CorruptStoreError);
    expect((failure as Error).message).toContain(`at byte ${Buffer.byteLength(`${lines[0]}\n`)}`);
    expect((failure as Error).message).toContain('存储文件已损坏');
    expect(await readFile(path, 'utf8')).toBe(lines.join('\n'));
  });
});

describe('embedded store: files and lock', () => {
  it('when the store writes, then its directory is 0700 and its files 0600, also when they were created wider', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'journal.jsonl'), '');
    await chmod(join(dataDir, 'journal.jsonl'), 0o644);
    await chmod(dataDir, 0o755);
    const store = await storeAt(dataDir, { compactAtBytes: 500 });
    for (let i = 0; i < 20; i += 1) await store.collection('users').insertOne({ _id: `u${i}`, username: `user${i}`, phone: '13800000000' });
    await store.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'journal.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'snapshot.jsonl'))).mode & 0o777).toBe(0o600);
  });

  it('when a second store opens a directory in use, then it is refused naming the holder and the first keeps working', async () => {
    const dataDir = await tempDir();
    const first = await storeAt(dataDir);
    await first.collection('orders').insertOne({ _id: 'o1' });
    const second = new EmbeddedStore({ dataDir });
    const failure = await second.connect().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(DataDirLockedError);
    expect((failure as Error).message).toContain(`进程 ${process.pid}`);
    expect((failure as Error).message).toContain(`process ${process.pid} on host ${hostname()}`);
    await first.collection('orders').insertOne({ _id: 'o2' });
    expect(await first.collection('orders').count({})).toBe(2);
  });

  it('when the lock was left by a process that is gone, then the store takes it over', async () => {
    const dataDir = await tempDir();
    // A pid far above pid_max's default cannot be running.
    await writeFile(join(dataDir, 'LOCK'), JSON.stringify({ pid: 4_000_000, host: hostname(), command: 'main.ts', since: '2026-01-01T00:00:00.000Z' }));
    const store = await storeAt(dataDir);
    await store.collection('orders').insertOne({ _id: 'o1' });
    expect(JSON.parse(await readFile(join(dataDir, 'LOCK'), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('when the lock is held by a live process, then opening is refused and the lock file is untouched', async () => {
    const dataDir = await tempDir();
    const holder = JSON.stringify({ pid: process.ppid, host: hostname(), command: 'main.ts', since: '2026-01-01T00:00:00.000Z' });
    await writeFile(join(dataDir, 'LOCK'), holder);
    const failure = await new EmbeddedStore({ dataDir }).connect().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(DataDirLockedError);
    expect(await readFile(join(dataDir, 'LOCK'), 'utf8')).toBe(holder);
  });

  it('when the store is closed, then the lock is released and the directory opens again', async () => {
    const dataDir = await tempDir();
    const first = await storeAt(dataDir);
    await first.close();
    const second = await storeAt(dataDir);
    expect(await second.ping()).toBe(true);
  });
});
