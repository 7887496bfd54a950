import { maskUrl } from './mask-url.js';

const WHAT_TO_CHECK =
  'Check that mongod is running and reachable from this host (address, port, firewall, TLS), that the user and password are right, ' +
  'and that it is a replica set: transactions need one (for a single node, start mongod with --replSet rs0 and run rs.initiate() once). ' +
  'Without MONGODB_URI the engine uses its embedded store instead.';

/** The error `connect()` throws: which server was tried (credentials masked), why it failed, what to check. */
export function connectFailure(uri: string, cause: unknown): Error {
  // Some driver messages (URL parse errors) quote the connection string itself.
  const reason = (cause instanceof Error ? cause.message : String(cause)).replaceAll(uri, maskUrl(uri));
  return new Error(`mongo store: cannot connect to ${maskUrl(uri)}: ${reason}. ${WHAT_TO_CHECK}`, { cause });
}

/** The error `connect()` throws when the indexes of ports/collections.ts cannot be created. */
export function indexFailure(uri: string, collection: string, cause: unknown): Error {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replaceAll(uri, maskUrl(uri));
  return new Error(
    `mongo store: cannot create the indexes of "${collection}" on ${maskUrl(uri)}: ${reason}. ` +
      'Check that the user may create indexes, and that existing documents do not already break a unique index.',
    { cause },
  );
}

/**
 * Why the server cannot run multi-document transactions, or null when it can: a replica-set
 * member (`setName`) or a mongos router (`msg: 'isdbgrid'`). Read from the `hello` reply so a
 * standalone mongod fails at start-up instead of at the first transaction.
 */
export function transactionSupportProblem(hello: Record<string, unknown>): string | null {
  if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') return null;
  return 'the server is a standalone mongod, not a replica set or mongos, so it cannot run transactions';
}
