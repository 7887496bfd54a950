import { Redis } from 'ioredis';
import { maskRedisUrl } from './bullmq-job-options.js';

/**
 * The two kinds of connection the BullMQ adapter uses:
 * - the producer (adds, reads, admin calls): no offline queue and one retry, so that a command
 *   issued while Redis is down fails at once instead of waiting for a reconnect;
 * - the worker template: never connected itself; each BullMQ Worker duplicates it for its own
 *   connections, which retry forever (`maxRetriesPerRequest: null`, as BullMQ requires) so that
 *   workers resume by themselves when Redis is back.
 */
export interface RedisConnections {
  producer: Redis;
  workerTemplate: Redis;
  /** Where it points, credentials masked: for messages and logs. */
  where: string;
  /** Whether the adapter made the producer (and so must close it). */
  ownsProducer: boolean;
}

const reconnectDelay = (times: number) => Math.min(times * 200, 2_000);

export function makeConnections(connection: string | Redis): RedisConnections {
  if (typeof connection === 'string') {
    const producer = new Redis(connection, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      retryStrategy: reconnectDelay,
    });
    const workerTemplate = new Redis(connection, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: reconnectDelay });
    return { producer, workerTemplate, where: maskRedisUrl(connection), ownsProducer: true };
  }
  const { host, port, db } = connection.options;
  const workerTemplate = connection.duplicate({ lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true });
  return { producer: connection, workerTemplate, where: `redis://${host ?? '127.0.0.1'}:${port ?? 6379}/${db ?? 0}`, ownsProducer: false };
}

/** Connects the producer (or waits for a given instance to be ready), failing after `timeoutMs`. */
export async function openProducer(connections: RedisConnections, timeoutMs: number): Promise<void> {
  const { producer } = connections;
  if (producer.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const ready =
    producer.status === 'wait'
      ? producer.connect()
      : new Promise<void>((resolve, reject) => {
          producer.once('ready', resolve);
          producer.once('end', () => reject(new Error('connection ended')));
        });
  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    if (connections.ownsProducer) producer.disconnect();
    throw new Error(
      `bullmq queue: cannot connect to Redis at ${connections.where}: ${(error as Error).message}. Check that Redis is running and that REDIS_URL (host, port, password) is right.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
