import { describe, expect, it } from 'vitest';
import { requireStringId, requireUpsertId, upsertId } from '../../../src/adapters/store/mongo-store/ids.js';
import type { Doc } from '../../../src/ports/store.js';

describe('document ids', () => {
  it('when a document has no string _id, then it is refused before reaching the server', () => {
    expect(() => requireStringId('orders', { _id: 'o1' })).not.toThrow();
    expect(() => requireStringId('orders', { _id: '' })).toThrow(expect.objectContaining({ code: 'MISSING_ID', kind: 'invalid' }));
    expect(() => requireStringId('orders', { _id: 42 } as unknown as Doc)).toThrow(expect.objectContaining({ code: 'MISSING_ID' }));
  });

  it('when an upsert names its _id in the filter or $setOnInsert, then that is the id it inserts under', () => {
    expect(upsertId({ _id: 'u', status: 'open' }, { $inc: { n: 1 } })).toBe('u');
    expect(upsertId({ eventId: 'e1' }, { $setOnInsert: { _id: 'n1' } })).toBe('n1');
    expect(upsertId({ eventId: 'e1' }, { $set: { _id: 'n2' } })).toBe('n2');
  });

  it('when an upsert has no _id anywhere, then it is refused instead of inserting under an ObjectId', () => {
    expect(upsertId({ _id: { $in: ['a'] } }, { $set: { n: 1 } })).toBeNull();
    expect(() => requireUpsertId('orders', { status: 'open' }, { $set: { n: 1 } })).toThrow(expect.objectContaining({ code: 'MISSING_ID' }));
  });
});
