import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, describe } from 'vitest';
import { MongoStore } from '../../../src/adapters/store/mongo-store/mongo-store.js';
import { storeContract } from './store.contract.js';

const uri = process.env.MONGODB_URI;
/** A database of its own per run, dropped afterwards, so runs never see each other's data. */
const dbName = `jiangxin_contract_${randomUUID().slice(0, 8)}`;

// Runs only where a MongoDB replica set is reachable (MONGODB_URI): these machines cannot install
// mongod, and mongodb-memory-server would download one. The pure parts are unit-tested in test/unit/mongo-store.
describe.skipIf(!uri)('mongo store against MONGODB_URI', () => {
  let store: MongoStore | null = null;

  // One connected store for the whole file: every case works in its own uniquely named collection.
  const makeStore = async () => {
    if (!store) {
      store = new MongoStore({ uri: uri as string, dbName });
      await store.connect();
    }
    return store;
  };

  afterAll(async () => {
    await store?.close();
    const admin = mongoose.createConnection(uri as string, { dbName, serverSelectionTimeoutMS: 5_000 });
    try {
      await admin.asPromise();
      await admin.dropDatabase();
    } finally {
      await admin.close();
    }
  });

  storeContract('mongo', makeStore);
});
