import type { MongoClientOptions, TransactionOptions } from 'mongodb';

/**
 * "Acknowledged means kept" on MongoDB: a write is answered only once a majority of the replica set
 * has it in its on-disk journal, so neither a crash nor a failover loses it. Given as top-level client
 * options because those take precedence over the connection string, so a `?w=1` or `journal=false`
 * in MONGODB_URI cannot weaken it. A majority that does not answer within 10 s fails the request
 * (SERVICE_UNAVAILABLE) rather than hanging it.
 */
export const durableClientOptions = { w: 'majority', journal: true, wtimeoutMS: 10_000 } as const satisfies MongoClientOptions;

/** Transactions commit with the same write concern and read only majority-committed data. */
export const durableTransactionOptions = {
  readConcern: { level: 'majority' },
  writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 },
} as const satisfies TransactionOptions;
