import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { type ClientSession, type Connection, type Model } from 'mongoose';
import { COLLECTIONS } from '../../../ports/collections.js';
import type { Collection, Doc, Store } from '../../../ports/store.js';
import { connectFailure, indexFailure, transactionSupportProblem } from './connect-failure.js';
import { durableClientOptions, durableTransactionOptions } from './durability.js';
import { mongoCollection } from './mongo-collection.js';
import { schemaFor } from './schemas.js';
import { translateError } from './translate-error.js';

export interface MongoStoreOptions {
  /** `mongodb://…` or `mongodb+srv://…` (MONGODB_URI); must reach a replica set or mongos. */
  uri: string;
  /** The database to use when it differs from the one named in `uri` (tests use a fresh one per run). */
  dbName?: string;
  /** How long `connect()` and each operation wait for a usable server before failing. Default 5 s. */
  serverSelectionTimeoutMS?: number;
}

const PING_TIMEOUT_MS = 2_000;

/** The server's `hello` reply (`isMaster` on servers older than 4.4.2, which lack `hello`). */
async function hello(connection: Connection): Promise<Record<string, unknown>> {
  const admin = connection.getClient().db('admin');
  try {
    return await admin.command({ hello: 1 });
  } catch {
    return admin.command({ isMaster: 1 });
  }
}

/**
 * The production store: MongoDB through mongoose, one schema-less model per collection (see
 * schemas.ts). It owns its connection (`createConnection`, never the global default one) so two
 * stores, or other mongoose users in the process, do not share state.
 *
 * Transactions keep their session in an AsyncLocalStorage of this store and every operation passes
 * it explicitly, rather than through mongoose's process-wide `transactionAsyncLocalStorage` switch:
 * the behaviour then depends on nothing global and a nested `transaction()` can see that it is nested.
 */
export class MongoStore implements Store {
  readonly adapter = 'mongo';
  private connection: Connection | null = null;
  private connecting: Promise<void> | null = null;
  private readonly sessions = new AsyncLocalStorage<ClientSession>();
  private readonly facades = new Map<string, Collection<Doc>>();

  /** Does no I/O: nothing is contacted before `connect()`. */
  constructor(private readonly options: MongoStoreOptions) {}

  async connect(): Promise<void> {
    if (this.connection) return;
    // Two callers racing to connect share one attempt instead of opening two connections.
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
  }

  private async open(): Promise<void> {
    const { uri, dbName, serverSelectionTimeoutMS = 5_000 } = this.options;
    let connection: Connection | undefined;
    try {
      connection = mongoose.createConnection(uri, {
        ...(dbName ? { dbName } : {}),
        serverSelectionTimeoutMS,
        ...durableClientOptions,
        // Fail fast with a driver error (→ UnavailableError) instead of queueing operations while the server is away.
        bufferCommands: false,
        autoIndex: false,
        autoCreate: false,
      });
      await connection.asPromise();
      const problem = transactionSupportProblem(await hello(connection));
      if (problem) throw new Error(problem);
    } catch (error) {
      await connection?.close().catch(() => undefined);
      throw connectFailure(uri, error);
    }
    try {
      await Promise.all(
        Object.keys(COLLECTIONS).map((name) =>
          this.modelOn(connection, name)
            .createIndexes()
            .catch((error: unknown) => {
              throw indexFailure(uri, name, error);
            }),
        ),
      );
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    this.connection = connection;
  }

  async ping(): Promise<boolean> {
    const connection = this.connection;
    if (!connection) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([connection.getClient().db('admin').command({ ping: 1 }), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes are acknowledged by a journaled majority before they resolve (durability.ts), so closing only releases the connection. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.close();
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let facade = this.facades.get(name);
    if (!facade) {
      facade = mongoCollection<Doc>(name, {
        model: (collection) => this.modelOn(this.requireConnection(), collection),
        session: () => this.sessions.getStore(),
        transaction: (fn) => this.transaction(fn),
      });
      this.facades.set(name, facade);
    }
    return facade as unknown as Collection<T>;
  }

  /**
   * A session transaction (`connection.transaction` → the driver's `withTransaction`, which retries
   * on `TransientTransactionError` and so may run `fn` more than once). Inside a transaction a
   * nested call joins the outer one.
   */
  async transaction<R>(fn: () => Promise<R>): Promise<R> {
    if (this.sessions.getStore()) return fn();
    const connection = this.requireConnection();
    try {
      return await connection.transaction((session) => this.sessions.run(session, fn), durableTransactionOptions);
    } catch (error) {
      throw translateError(error);
    }
  }

  private modelOn(connection: Connection, name: string): Model<Doc> {
    return (connection.models[name] as Model<Doc> | undefined) ?? connection.model<Doc>(name, schemaFor(name));
  }

  private requireConnection(): Connection {
    if (!this.connection) throw new Error('mongo store is not connected (call connect() first)');
    return this.connection;
  }
}
