import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BullmqQueue } from './adapters/queue/bullmq-queue/bullmq-queue.js';
import { InlineQueue } from './adapters/queue/inline-queue/inline-queue.js';
import { EmbeddedSearch } from './adapters/search/embedded-search/embedded-search.js';
import { MeilisearchSearch } from './adapters/search/meilisearch-search/meilisearch-search.js';
import { LoggingSms } from './adapters/sms/logging-sms.js';
import { NodeHttpWebhook } from './adapters/webhook/node-http-webhook.js';
import { queueBoard } from './http/queue-board.js';
import { webConsoleMiddleware } from './http/web-console.js';
import { metricsRoute, requestMetrics } from './http/metrics-routes.js';
import { createEngineMetrics, type EngineMetrics } from './metrics/engine-metrics.js';
import { outboxFigures, outboxLagSeconds } from './workers/outbox-figures.js';
import { wireNotifications } from './workers/notification-consumer.js';
import { loadSkillTaxonomy } from './adapters/search/shared/taxonomy.js';
import { jiebaSegmenter } from './adapters/text/jieba-segmenter.js';
import { Argon2Hasher } from './adapters/security/argon2-hasher.js';
import { JoseTokens } from './adapters/security/jose-tokens.js';
import { EmbeddedStore } from './adapters/store/embedded-store/embedded-store.js';
import { MongoStore } from './adapters/store/mongo-store/mongo-store.js';
import { RandomIds, systemClock } from './adapters/system/system-clock.js';
import { ensureReferenceData } from './bootstrap/reference-data.js';
import type { Config } from './config.js';
import { createApp, type PortStatus } from './http/app.js';
import { apiRoutes } from './http/routes/index.js';
import { createLogger, type Logger } from './logger.js';
import type { Clock, IdGenerator } from './ports/clock.js';
import type { PasswordHasher } from './ports/security.js';
import type { Queue } from './ports/queue.js';
import type { SearchPort } from './ports/search.js';
import type { SmsSender } from './ports/sms.js';
import type { Store } from './ports/store.js';
import type { WebhookTransport } from './ports/webhook.js';
import type { NotificationOptions } from './services/notification-service.js';
import { buildServices, type ServiceParts, type Services } from './services/index.js';
import type { EventConsumer } from './workers/event-consumer.js';
import { OutboxRelay, startConsumers } from './workers/outbox-relay.js';
import { searchIndexer } from './workers/search-indexer.js';
import { matchingConsumer } from './workers/matching-consumer.js';
import { SearchWatch } from './workers/search-watch.js';
import { reportingConsumers } from './workers/stats-consumer.js';
import { SlaTimers, offerTimerConsumer } from './workers/offer-timers.js';

export interface EngineOverrides {
  /** Keep the embedded store in memory (tests). */
  inMemory?: boolean;
  clock?: Clock;
  ids?: IdGenerator;
  hasher?: PasswordHasher;
  logger?: Logger;
  sms?: SmsSender;
  webhookTransport?: WebhookTransport;
  notifications?: Partial<NotificationOptions>;
  webhookTimeoutMs?: number;
  /** Another search adapter (tests use one that can be switched off). */
  search?: SearchPort;
}

export interface Engine {
  config: Config;
  logger: Logger;
  store: Store;
  queue: Queue;
  search: SearchPort;
  /** What services are built from besides the ports (a second services instance, e.g. the seeder's, reuses them). */
  parts: ServiceParts;
  relay: OutboxRelay;
  timers: SlaTimers;
  searchWatch: SearchWatch;
  consumers: EventConsumer[];
  services: Services;
  /** Prometheus metrics of this process (served at `/metrics`, and on METRICS_PORT when set). */
  metrics: EngineMetrics;
  app: ReturnType<typeof createApp>;
  readiness(): Promise<Record<string, PortStatus>>;
  /** Starts the queue workers (relay, notifications, timers) in this process. */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Development keeps a generated JWT secret in the data directory so tokens survive restarts. */
async function resolveJwtSecret(config: Config, inMemory: boolean): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  if (inMemory) return randomBytes(32).toString('hex');
  const file = join(resolve(config.dataDir), 'jwt-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // First start: generate below.
  }
  await mkdir(resolve(config.dataDir), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function buildQueue(config: Config, logger: Logger): Queue {
  return config.redisUrl ? new BullmqQueue({ connection: config.redisUrl, logger }) : new InlineQueue();
}

function buildSearch(config: Config): SearchPort {
  return config.meili ? new MeilisearchSearch({ url: config.meili.url, apiKey: config.meili.key }) : new EmbeddedSearch();
}

function buildStore(config: Config, inMemory: boolean): Store {
  if (config.mongodbUri) return new MongoStore({ uri: config.mongodbUri });
  return inMemory ? new EmbeddedStore({ inMemory: true }) : new EmbeddedStore({ dataDir: resolve(config.dataDir, 'store') });
}

/** The composition root: picks one adapter per port from the config and wires services, HTTP and workers. */
export async function buildEngine(config: Config, overrides: EngineOverrides = {}): Promise<Engine> {
  const inMemory = overrides.inMemory ?? false;
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const store = buildStore(config, inMemory);
  await store.connect();
  await ensureReferenceData(store, config.provinces);
  const queue = buildQueue(config, logger);
  await queue.connect();
  const search = overrides.search ?? buildSearch(config);
  let searchUp = true;
  try {
    await search.connect();
  } catch (error) {
    // Search is not essential: the engine answers from the store and the indexer catches up later.
    searchUp = false;
    logger.warn({ err: error, adapter: search.adapter }, 'search backend unavailable at start-up; search answers degraded until it returns');
  }
  let relay: OutboxRelay | null = null;

  const tokens = new JoseTokens(await resolveJwtSecret(config, inMemory), config.jwtTtlMinutes, clock);
  const parts: ServiceParts = { search, taxonomy: loadSkillTaxonomy(), segment: jiebaSegmenter() };
  const services = buildServices(parts, {
    store,
    clock,
    ids: overrides.ids ?? new RandomIds(),
    hasher: overrides.hasher ?? new Argon2Hasher(),
    tokens,
    queue,
    settings: { reopenWindowDays: config.reopenWindowDays },
    onEventsRecorded: () => relay?.kick(),
  }, { notifications: overrides.notifications });
  const consumers: EventConsumer[] = [searchIndexer(services.search), offerTimerConsumer(services.sla), matchingConsumer(services.matching), ...reportingConsumers(store, services.reputation)];
  let metrics: EngineMetrics | null = null;
  const notify = wireNotifications({
    // Counted here rather than inside the consumer: a redelivered event adds no inbox rows, so no count either.
    notifications: {
      handleEvent: async (event) => {
        const result = await services.notifications.handleEvent(event);
        metrics?.notification('inbox', 'sent', result.inbox);
        return result;
      },
    },
    queue,
    worker: {
      store,
      clock,
      logger,
      sms: overrides.sms ?? new LoggingSms(logger),
      transport: overrides.webhookTransport ?? new NodeHttpWebhook(),
      ...(overrides.webhookTimeoutMs ? { timeoutMs: overrides.webhookTimeoutMs } : {}),
      onOutcome: (channel, outcome) => metrics?.notification(channel, outcome),
    },
  });
  consumers.push(notify.consumer);
  const queueNames = [...consumers.map((c) => c.name), ...notify.queueNames, 'offer-expiry'].filter((n, i, all) => all.indexOf(n) === i);
  metrics = createEngineMetrics({ store, queue, clock, consumerQueues: consumers.map((c) => c.name), queueNames });
  const board = queueBoard({
    queue,
    queueNames,
    authenticate: (token) => services.accounts.authenticate(token),
    redis: config.redisUrl,
  });
  const searchWatch = new SearchWatch({ search, service: services.search, logger });
  const timers = new SlaTimers({ queue, sla: services.sla, dispatch: services.dispatch, logger });
  // The embedded index lives in memory: rebuild it from the store on every start.
  if (search.adapter === 'embedded' && searchUp) await services.search.rebuildAll();
  relay = new OutboxRelay({ store, queue, clock, logger, consumers });

  // The store is essential; without search or the queue the engine still works, degraded.
  const status = async (port: { adapter: string; ping(): Promise<boolean> }, essential: boolean): Promise<PortStatus> => {
    const ok = await port.ping().catch(() => false);
    return ok || essential ? { adapter: port.adapter, ok } : { adapter: port.adapter, ok, state: 'degraded' };
  };
  // Consumers far behind the outbox still leave the engine serving, but people see effects late.
  const outboxStatus = async (): Promise<PortStatus> => {
    const figures = await outboxFigures(store);
    const lagSeconds = Math.round(outboxLagSeconds(figures, clock.now()));
    return lagSeconds > config.outboxLagDegradedSeconds ? { adapter: store.adapter, ok: true, state: 'degraded', pending: figures.pending, lagSeconds } : { adapter: store.adapter, ok: true, pending: figures.pending, lagSeconds };
  };
  const readiness = async (): Promise<Record<string, PortStatus>> => ({
    store: await status(store, true),
    search: await status(search, false),
    queue: await status(queue, false),
    outbox: await outboxStatus().catch((): PortStatus => ({ adapter: store.adapter, ok: false })),
  });

  const app = createApp({
    logger,
    bodyLimit: config.bodyLimit,
    routes: apiRoutes(services),
    authenticate: (token) => services.accounts.authenticate(token),
    readiness,
    metrics: { requests: requestMetrics(metrics), route: metricsRoute({ metrics, token: config.metricsToken, authenticate: (token) => services.accounts.authenticate(token) }) },
    extraMounts: [{ path: '/admin/queues', handler: board.router }],
    afterApi: [{ path: '/', handler: webConsoleMiddleware(fileURLToPath(new URL('./web/dist', import.meta.url))) }],
  });

  return {
    config,
    logger,
    store,
    queue,
    search,
    parts,
    relay,
    timers,
    searchWatch,
    consumers,
    services,
    metrics,
    app,
    readiness,
    async startWorkers() {
      await startConsumers(queue, consumers);
      await timers.start();
      await notify.startWorkers();
      searchWatch.start(searchUp);
      relay?.start();
    },
    async close() {
      timers.stop();
      searchWatch.stop();
      await relay?.stop();
      await board.close();
      await queue.close();
      await search.close();
      await store.close();
    },
  };
}
