import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { durableClientOptions, durableTransactionOptions } from '../../../src/adapters/store/mongo-store/durability.js';

describe('MongoDB write durability settings', () => {
  it('when the store connects, then every write waits for a journaled majority', () => {
    expect(durableClientOptions).toMatchObject({ w: 'majority', journal: true });
    expect(durableClientOptions.wtimeoutMS).toBeGreaterThan(0);
  });

  it('when the connection string asks for weaker writes, then the store settings still win (no server is contacted)', async () => {
    const client = new MongoClient('mongodb://127.0.0.1:1/jiangxin?w=1&journal=false&wtimeoutMS=5', durableClientOptions);
    expect(client.options.writeConcern).toMatchObject({ w: 'majority', journal: true, wtimeoutMS: 10_000 });
    await client.close();
  });

  it('when a transaction commits, then it uses majority write and read concern with journaling', () => {
    expect(durableTransactionOptions).toEqual({ readConcern: { level: 'majority' }, writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 } });
  });
});
