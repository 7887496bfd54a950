import { describe, expect, it } from 'vitest';
import { schemaFor } from '../../../src/adapters/store/mongo-store/schemas.js';
import { COLLECTIONS } from '../../../src/ports/collections.js';

describe('mongo store schemas', () => {
  it('when a schema is built for each collection, then it carries exactly the indexes of COLLECTIONS', () => {
    for (const [name, specs] of Object.entries(COLLECTIONS)) {
      const indexes = schemaFor(name).indexes();
      expect(indexes.map(([fields]) => fields), name).toEqual(specs.map((spec) => spec.fields));
    }
  });

  it('when an index is unique, then the mongo index is unique and total', () => {
    expect(schemaFor('users').indexes()).toContainEqual([{ username: 1 }, { unique: true }]);
    expect(schemaFor('notifications').indexes()).toContainEqual([{ eventId: 1, userId: 1, channel: 1 }, { unique: true }]);
    expect(schemaFor('targets').indexes()).toEqual([[{ orgId: 1, period: 1 }, { unique: true }]]);
  });

  it('when a unique index is sparse, then it is partial on every indexed field existing', () => {
    expect(schemaFor('orgs').indexes()).toContainEqual([{ enterpriseId: 1 }, { unique: true, partialFilterExpression: { enterpriseId: { $exists: true } } }]);
  });

  it('when an index is a plain look-up, then it has no options and keeps its sort direction', () => {
    expect(schemaFor('orders').indexes()).toContainEqual([{ status: 1 }, {}]);
    expect(schemaFor('notifications').indexes()).toContainEqual([{ userId: 1, createdAt: -1 }, {}]);
  });

  it('when a collection is not declared, then its schema has no indexes', () => {
    expect(schemaFor('t_scratch').indexes()).toEqual([]);
  });

  it('stores documents as given (string _id, nothing stripped, no version key) and leaves collections and indexes to connect()', () => {
    const schema = schemaFor('orders');
    expect(schema.path('_id').instance).toBe('String');
    expect(schema.get('strict')).toBe(false);
    expect(schema.get('versionKey')).toBe(false);
    expect(schema.get('minimize')).toBe(false);
    expect(schema.get('collection')).toBe('orders');
    expect(schema.get('autoIndex')).toBe(false);
    expect(schema.get('autoCreate')).toBe(false);
  });
});
