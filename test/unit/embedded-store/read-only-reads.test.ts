import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import type { Doc } from '../../../src/ports/store.js';

interface Item extends Doc {
  n: number;
  nested: { tags: string[] };
}

describe('read-only reads on the embedded store', () => {
  const open = async () => {
    const store = new EmbeddedStore({ inMemory: true });
    await store.connect();
    const items = store.collection<Item>('items');
    await items.insertOne({ _id: 'a', n: 1, nested: { tags: ['焊接'] } });
    return items;
  };

  it('when a document is read read-only, then it is handed out frozen all the way down and a change throws', async () => {
    const items = await open();
    const doc = (await items.findOne({ _id: 'a' }, { readOnly: true }))!;
    expect(Object.isFrozen(doc) && Object.isFrozen(doc.nested) && Object.isFrozen(doc.nested.tags)).toBe(true);
    expect(() => doc.nested.tags.push('x')).toThrow(TypeError);
    expect(() => (doc.n = 2)).toThrow(TypeError);
    // Two read-only reads of one stored version share it: nothing is copied.
    expect((await items.find({ n: 1 }, { readOnly: true }))[0]).toBe(doc);
  });

  it('when the document is updated after a read-only read, then the reader keeps the old version and a new read sees the new one', async () => {
    const items = await open();
    const before = (await items.findOne({ _id: 'a' }, { readOnly: true }))!;
    await items.updateOne({ _id: 'a' }, { $set: { n: 2 }, $push: { 'nested.tags': '电工' } });
    expect(before).toEqual({ _id: 'a', n: 1, nested: { tags: ['焊接'] } });
    expect(await items.findOne({ _id: 'a' }, { readOnly: true })).toEqual({ _id: 'a', n: 2, nested: { tags: ['焊接', '电工'] } });
    // Reads without the flag stay the caller's own copies.
    const copy = (await items.findOne({ _id: 'a' }))!;
    copy.nested.tags.push('mine');
    expect((await items.findById('a'))!.nested.tags).toEqual(['焊接', '电工']);
  });

  it('when a read-only read asks for a projection, then it gets a copy (a projection may share parts of the stored document)', async () => {
    const items = await open();
    const projected = (await items.findOne({ _id: 'a' }, { readOnly: true, projection: { nested: 1 } }))!;
    projected.nested.tags.push('x');
    expect((await items.findById('a'))!.nested.tags).toEqual(['焊接']);
  });
});
