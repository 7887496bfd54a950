import mongoose, { type Connection } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaFor } from '../../../src/adapters/store/mongo-store/schemas.js';

/**
 * What reaches the server is what the core wrote: the schema-less models must not cast, strip or
 * reshape the filters and documents of the port. A connection without a URI never opens, so this
 * compiles real models without a server.
 */
describe('mongoose models of the mongo store', () => {
  const connection: Connection = mongoose.createConnection();
  const model = connection.model('t_passthrough', schemaFor('t_passthrough'));
  afterAll(() => connection.close());

  it.each([
    { _id: 'o1', status: 'open' },
    { tags: '焊接' },
    { status: { $in: ['open', 'offered'] }, n: { $gte: 5, $lt: 9 } },
    { owner: { $exists: false }, name: { $regex: '^张' } },
    { $or: [{ n: 1 }, { owner: 'y' }], 'address.city': '苏州' },
    { createdAt: { $lt: '2025-01-01T00:00:00.000Z' }, seq: { $gt: 10 } },
  ])('when the filter %j is cast, then it is unchanged', (filter) => {
    const query = model.find(structuredClone(filter));
    query.cast(model);
    expect(query.getFilter()).toEqual(filter);
  });

  it('when a document is hydrated for replaceOne, then it is stored as given (ISO strings, empty objects, nulls, nested arrays)', () => {
    const doc = { _id: 'o1', status: 'new', n: 10, tags: ['x'], meta: { empty: {}, list: [{ a: 1 }] }, at: '2025-01-01T00:00:00.000Z', owner: null };
    expect(new model(doc, null, { skipId: true }).toObject()).toEqual(doc);
  });
});
