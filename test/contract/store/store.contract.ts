import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/errors.js';
import type { Doc, Store } from '../../../src/ports/store.js';

interface Item extends Doc {
  status: string;
  n: number;
  tags?: string[];
  owner?: string;
}

/** The behaviour the core relies on from any store adapter. Each case uses its own collection. */
export function storeContract(name: string, makeStore: () => Promise<Store>) {
  describe(`${name} store`, () => {
    const fresh = async () => {
      const store = await makeStore();
      // 'users' has a unique index on username; other names get none.
      return { store, items: store.collection<Item>(`t_${randomUUID().slice(0, 8)}`) };
    };

    it('when a document is inserted, then it is found by id, by filter and counted', async () => {
      const { items } = await fresh();
      await items.insertOne({ _id: 'a', status: 'open', n: 1, tags: ['焊接', '电工'] });
      expect(await items.findById('a')).toEqual({ _id: 'a', status: 'open', n: 1, tags: ['焊接', '电工'] });
      expect(await items.findById('missing')).toBeNull();
      expect(await items.findOne({ tags: '焊接' })).toMatchObject({ _id: 'a' });
      expect(await items.count({ status: 'open' })).toBe(1);
      expect(await items.count({ status: 'closed' })).toBe(0);
    });

    it('when a returned document is mutated, then the stored one is unchanged', async () => {
      const { items } = await fresh();
      const inserted = await items.insertOne({ _id: 'a', status: 'open', n: 1, tags: [] });
      inserted.status = 'hacked';
      const found = await items.findById('a');
      found!.tags!.push('x');
      expect(await items.findById('a')).toEqual({ _id: 'a', status: 'open', n: 1, tags: [] });
    });

    it('when a document read read-only is changed by its reader, then the stored one is unchanged and later reads and updates see the stored state', async () => {
      const { items } = await fresh();
      await items.insertOne({ _id: 'a', status: 'open', n: 1, tags: ['焊接'] });
      const one = await items.findOne({ _id: 'a' }, { readOnly: true });
      const [listed] = await items.find({ status: 'open' }, { readOnly: true });
      expect(one).toEqual({ _id: 'a', status: 'open', n: 1, tags: ['焊接'] });
      // An adapter may hand out a copy (a change lands on it) or a frozen shared document (a change throws).
      const attempts: Array<() => void> = [
        () => void (one!.status = 'hacked'),
        () => void one!.tags!.push('x'),
        () => void (listed!.n = 99),
        () => void delete (listed as Partial<Item>).owner,
        () => void listed!.tags!.splice(0, 1),
      ];
      for (const attempt of attempts) {
        try {
          attempt();
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }
      expect(await items.findById('a')).toEqual({ _id: 'a', status: 'open', n: 1, tags: ['焊接'] });
      // A write after a read-only read builds on the stored state, and a copy read afterwards is the caller's own.
      expect(await items.updateOne({ _id: 'a' }, { $inc: { n: 1 }, $push: { tags: '电工' } })).toEqual({ _id: 'a', status: 'open', n: 2, tags: ['焊接', '电工'] });
      const mine = await items.findOne({ _id: 'a' });
      mine!.tags!.push('mine');
      mine!.n = 7;
      expect(await items.findOne({ _id: 'a' }, { readOnly: true })).toEqual({ _id: 'a', status: 'open', n: 2, tags: ['焊接', '电工'] });
    });

    it('supports the query operators the core uses', async () => {
      const { items } = await fresh();
      await items.insertMany([
        { _id: '1', status: 'open', n: 1, tags: ['a'], owner: 'x' },
        { _id: '2', status: 'offered', n: 5, tags: ['a', 'b'] },
        { _id: '3', status: 'closed', n: 9, tags: ['c'], owner: 'y' },
      ]);
      const ids = async (filter: Record<string, unknown>) => (await items.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
      expect(await ids({ status: { $in: ['open', 'offered'] } })).toEqual(['1', '2']);
      expect(await ids({ status: { $nin: ['open'] } })).toEqual(['2', '3']);
      expect(await ids({ n: { $gte: 5, $lt: 9 } })).toEqual(['2']);
      expect(await ids({ owner: { $exists: false } })).toEqual(['2']);
      expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual(['2']);
      expect(await ids({ $or: [{ n: 1 }, { owner: 'y' }] })).toEqual(['1', '3']);
      expect(await ids({ status: { $ne: 'open' }, tags: 'a' })).toEqual(['2']);
      expect(await ids({ owner: { $regex: '^x' } })).toEqual(['1']);
    });

    it('sorts, skips and limits', async () => {
      const { items } = await fresh();
      await items.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, status: i % 2 ? 'odd' : 'even', n: i })));
      const page = await items.find({}, { sort: { n: -1 }, skip: 2, limit: 3 });
      expect(page.map((d) => d.n)).toEqual([7, 6, 5]);
      const evens = await items.find({ status: 'even' }, { sort: { n: 1 }, limit: 2 });
      expect(evens.map((d) => d.n)).toEqual([0, 2]);
      const projected = await items.find({ _id: 'd1' }, { projection: { n: 1 } });
      expect(projected).toEqual([{ _id: 'd1', n: 1 }]);
    });

    it('applies $set, $unset, $inc, $push, $pull and $addToSet and returns the updated document', async () => {
      const { items } = await fresh();
      await items.insertOne({ _id: 'a', status: 'open', n: 1, tags: ['x'], owner: 'o' });
      const updated = await items.updateOne(
        { _id: 'a' },
        { $set: { status: 'offered' }, $unset: { owner: '' }, $inc: { n: 2 }, $push: { tags: 'y' } },
      );
      expect(updated).toEqual({ _id: 'a', status: 'offered', n: 3, tags: ['x', 'y'] });
      expect((await items.updateOne({ _id: 'a' }, { $addToSet: { tags: 'x' } }))!.tags).toEqual(['x', 'y']);
      expect((await items.updateOne({ _id: 'a' }, { $addToSet: { tags: 'z' } }))!.tags).toEqual(['x', 'y', 'z']);
      await items.updateOne({ _id: 'a' }, { $pull: { tags: 'z' } });
      await items.updateOne({ _id: 'a' }, { $pull: { tags: 'x' } });
      expect((await items.findById('a'))!.tags).toEqual(['y']);
      expect(await items.updateOne({ _id: 'missing' }, { $set: { n: 1 } })).toBeNull();
      expect(await items.updateMany({ status: 'offered' }, { $inc: { n: 1 } })).toBe(1);
    });

    it('upserts from the filter and $setOnInsert only when nothing matches', async () => {
      const { items } = await fresh();
      const created = await items.updateOne({ _id: 'u', status: 'open' }, { $setOnInsert: { owner: 'first' }, $inc: { n: 1 } }, { upsert: true });
      expect(created).toEqual({ _id: 'u', status: 'open', owner: 'first', n: 1 });
      const again = await items.updateOne({ _id: 'u', status: 'open' }, { $setOnInsert: { owner: 'second' }, $inc: { n: 1 } }, { upsert: true });
      expect(again).toEqual({ _id: 'u', status: 'open', owner: 'first', n: 2 });
    });

    it('replaces and deletes', async () => {
      const { items } = await fresh();
      await items.insertMany([
        { _id: 'a', status: 'open', n: 1 },
        { _id: 'b', status: 'open', n: 2 },
        { _id: 'c', status: 'x', n: 3 },
      ]);
      expect(await items.replaceOne({ _id: 'a', status: 'new', n: 10 })).toBe(true);
      expect(await items.replaceOne({ _id: 'zz', status: 'new', n: 10 })).toBe(false);
      expect(await items.findById('a')).toEqual({ _id: 'a', status: 'new', n: 10 });
      expect(await items.deleteOne({ _id: 'a' })).toBe(true);
      expect(await items.deleteOne({ _id: 'a' })).toBe(false);
      expect(await items.deleteMany({ status: 'open' })).toBe(1);
      expect(await items.count({})).toBe(1);
    });

    it('when a unique index or _id is violated, then one DuplicateKeyError is thrown and nothing changes', async () => {
      const { store } = await fresh();
      const users = store.collection<Doc & { username: string; role: string }>('users');
      const name = `user-${randomUUID()}`;
      await users.insertOne({ _id: `u1-${name}`, username: name, role: 'admin' });
      await expect(users.insertOne({ _id: `u2-${name}`, username: name, role: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(users.insertOne({ _id: `u1-${name}`, username: `${name}-b`, role: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await users.insertOne({ _id: `u3-${name}`, username: `${name}-3`, role: 'x' });
      await expect(users.updateOne({ _id: `u3-${name}` }, { $set: { username: name } })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await users.findById(`u3-${name}`))!.username).toBe(`${name}-3`);
      await expect(
        users.insertMany([
          { _id: `u4-${name}`, username: `${name}-4`, role: 'x' },
          { _id: `u5-${name}`, username: name, role: 'x' },
        ]),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await users.findById(`u4-${name}`)).toBeNull();
    });

    it('when 100 parallel conditional updates race on one document, then exactly one succeeds', async () => {
      const { items } = await fresh();
      await items.insertOne({ _id: 'race', status: 'open', n: 0 });
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => items.updateOne({ _id: 'race', status: 'open' }, { $set: { status: 'taken', owner: `c${i}` }, $inc: { n: 1 } })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const stored = await items.findById('race');
      expect(stored).toMatchObject({ status: 'taken', n: 1, owner: winners[0]!.owner });
    });

    it('when 40 parallel transactions each claim from a capped counter with a conditional $inc and insert a row, then the cap holds and rows match the claims', async () => {
      // The daily-hours cap relies on this: a conditional update of one shared row inside a
      // transaction serialises racing writers (on MongoDB the loser conflicts and retries).
      const { store, items } = await fresh();
      const rows = store.collection<Item>(`t_${randomUUID().slice(0, 8)}`);
      await items.insertOne({ _id: 'day', status: 'open', n: 0 });
      const cap = 12;
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.transaction(async () => {
            const claimed = await items.updateOne({ _id: 'day', n: { $lte: cap - 1 } }, { $inc: { n: 1 } });
            if (!claimed) return false;
            await rows.insertOne({ _id: `r${i}`, status: 'claimed', n: 1 });
            return true;
          }),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(cap);
      expect((await items.findById('day'))!.n).toBe(cap);
      expect(await rows.count({})).toBe(cap);
    });

    it('when a transaction throws, then none of its writes remain', async () => {
      const { store, items } = await fresh();
      await items.insertOne({ _id: 'a', status: 'open', n: 1 });
      await expect(
        store.transaction(async () => {
          await items.updateOne({ _id: 'a' }, { $set: { status: 'taken' } });
          await items.insertOne({ _id: 'b', status: 'new', n: 2 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await items.findById('a')).toMatchObject({ status: 'open' });
      expect(await items.findById('b')).toBeNull();
      const value = await store.transaction(async () => {
        await items.updateOne({ _id: 'a' }, { $set: { status: 'taken' } });
        await items.insertOne({ _id: 'c', status: 'new', n: 3 });
        return 'ok';
      });
      expect(value).toBe('ok');
      expect(await items.count({})).toBe(2);
    });

    // 'orders' is declared with an { enterpriseId, status } index: the open-order limit counts through it on every submit.
    it('when orders are counted by enterprise and a set of states, then the declared index gives the same answer as a scan', async () => {
      const store = await makeStore();
      const orders = store.collection<Doc & { enterpriseId: string; status?: string | string[] | null; urgency?: string }>('orders');
      const [mine, other] = [`ent_${randomUUID()}`, `ent_${randomUUID()}`];
      const id = () => `ord_${randomUUID()}`;
      await orders.insertMany([
        ...['submitted', 'submitted', 'open', 'offered', 'closed', 'cancelled'].map((status, i) => ({ _id: id(), enterpriseId: mine, status, urgency: i % 2 ? 'high' : 'normal' })),
        { _id: id(), enterpriseId: mine },
        { _id: id(), enterpriseId: mine, status: null },
        ...['submitted', 'open'].map((status) => ({ _id: id(), enterpriseId: other, status })),
      ]);
      const unfinished = { enterpriseId: mine, status: { $in: ['submitted', 'open', 'offered'] } };
      expect(await orders.count(unfinished)).toBe(4);
      expect(await orders.count({ enterpriseId: mine })).toBe(8);
      expect(await orders.count({ enterpriseId: mine, status: 'closed' })).toBe(1);
      expect(await orders.count({ enterpriseId: mine, status: null })).toBe(2);
      expect(await orders.count({ enterpriseId: mine, status: { $in: [] } })).toBe(0);
      expect(await orders.count({ ...unfinished, urgency: 'high' })).toBe(2);
      expect(await orders.count({ $and: [unfinished, { status: 'open' }] })).toBe(1);
      expect((await orders.find(unfinished)).map((o) => o.status).sort()).toEqual(['offered', 'open', 'submitted', 'submitted']);

      // Every change moves the count: an update out of the set, a delete, an insert.
      const [first] = await orders.find({ enterpriseId: mine, status: 'submitted' }, { limit: 1 });
      await orders.updateOne({ _id: first!._id }, { $set: { status: 'closed' } });
      expect(await orders.count(unfinished)).toBe(3);
      await orders.deleteOne({ enterpriseId: mine, status: 'open' });
      expect(await orders.count(unfinished)).toBe(2);
      await orders.insertOne({ _id: id(), enterpriseId: mine, status: 'open' });
      expect(await orders.count(unfinished)).toBe(3);

      // An array on an indexed field matches per element and is counted once, as in MongoDB.
      const third = `ent_${randomUUID()}`;
      await orders.insertMany([
        { _id: id(), enterpriseId: third, status: ['submitted', 'open'] },
        { _id: id(), enterpriseId: third, status: 'open' },
        ...[1, 2, 3].map(() => ({ _id: id(), enterpriseId: third, status: 'closed' })),
      ]);
      expect(await orders.count({ enterpriseId: third, status: { $in: ['submitted', 'open'] } })).toBe(2);
      expect(await orders.count({ enterpriseId: third, status: 'submitted' })).toBe(1);
      expect(await orders.count(unfinished)).toBe(3);
    });

    it('runs aggregation pipelines without changing stored documents', async () => {
      const { items } = await fresh();
      await items.insertMany([
        { _id: '1', status: 'open', n: 1 },
        { _id: '2', status: 'open', n: 3 },
        { _id: '3', status: 'closed', n: 10 },
      ]);
      const rows = await items.aggregate<{ _id: string; total: number; count: number }>([
        { $match: { n: { $gte: 1 } } },
        { $set: { n: { $multiply: ['$n', 2] } } },
        { $group: { _id: '$status', total: { $sum: '$n' }, count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      expect(rows).toEqual([
        { _id: 'closed', total: 20, count: 1 },
        { _id: 'open', total: 8, count: 2 },
      ]);
      expect((await items.findById('1'))!.n).toBe(1);
    });
  });
}
