import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BullmqQueue } from './adapters/queue/bullmq-queue/bullmq-queue.js';
import { InlineQueue } from './adapters/queue/inline-queue/inline-queue.js';
import { EmbeddedSearch } from './adapters/search/embedded-search/embedded-search.js';
import { MeilisearchSearch } from './adapters/search/meilisearch-search/meilisearch-search.js';
import { WarmingSearch } from './adapters/search/shared/warming-search.js';
import { LoggingSms } from './adapters/sms/logging-sms.js';
import { NodeHttpWebhook } from './adapters/webhook/node-http-webhook.js';
import { queueBoard } from './http/queue-board.js';
import { webConsoleMiddleware } from './http/web-console.js';
import { metricsRoute, requestMetrics } from './http/metrics-routes.js';
import { createEngineMetrics, type EngineMetrics } from './metrics/engine-metrics.js';
import { outboxFigures, outboxLagSeconds } from './workers/outbox-figures.js';
import { wireNotifications } from './workers/notification-consumer.js';
import { loadSkillTaxonomyDoc } from './adapters/search/shared/taxonomy.js';
import { GrowingTaxonomy } from './domain/matching/taxonomy-growth.js';
import { jiebaSegmenter } from './adapters/text/jieba-segmenter.js';
import { Redis } from 'ioredis';
import { Argon2Hasher } from './adapters/security/argon2-hasher.js';
import { BoundedHasher } from './adapters/security/bounded-hasher.js';
import { memoryLoginThrottle, redisLoginThrottle } from './adapters/throttle/rate-limiter-throttle.js';
import { defaultLoginThrottlePolicy, type LoginThrottlePolicy } from './domain/users/login-throttle.js';
import type { LoginThrottle } from './ports/throttle.js';
import { JoseTokens } from './adapters/security/jose-tokens.js';
import { DataDirLockedError } from './adapters/store/embedded-store/data-dir-lock.js';
import { AesGcmSecretBox } from './adapters/security/aes-gcm-secret-box.js';
import { EmbeddedStore } from './adapters/store/embedded-store/embedded-store.js';
import { restoreStore } from './adapters/store/embedded-store/restore.js';
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
import type { PdfRenderer } from './ports/pdf.js';
import type { SearchPort } from './ports/search.js';
import { ChromiumPdf } from './adapters/pdf/chromium-pdf.js';
import type { SmsSender } from './ports/sms.js';
import type { Doc, Store } from './ports/store.js';
import type { WebhookTransport } from './ports/webhook.js';
import type { NotificationOptions } from './services/notification-service.js';
import { buildServices, type ServiceParts, type Services } from './services/index.js';
import type { EventConsumer } from './workers/event-consumer.js';
import { EventPipeline } from './workers/event-pipeline.js';
import { Leases } from './workers/leases.js';
import { OutboxFollower } from './workers/outbox-follower.js';
import { searchFollower, searchIndexer } from './workers/search-indexer.js';
import { matchingFollower } from './workers/matching-consumer.js';
import { SearchWatch } from './workers/search-watch.js';
import { rebuildOutdatedRollups, reportingConsumers, ROLLUP_FORMAT } from './workers/stats-consumer.js';
import { SlaTimers, appointmentTimerConsumer, offerTimerConsumer, serviceLimitTimerConsumer } from './workers/offer-timers.js';
import { SERVICE_LIMIT_QUEUE } from './services/service-limit-timer-service.js';
import { APPOINTMENT_QUEUE } from './services/appointment-timer-service.js';
import { decisionFeedbackConsumer } from './workers/decision-feedback-consumer.js';
import { RetentionTimer } from './workers/retention-timer.js';

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
  /** Another PDF renderer (tests: a Chromium path that does not exist). */
  pdf?: PdfRenderer;
  /** Failed-login throttle numbers (tests use small ones). */
  loginThrottlePolicy?: LoginThrottlePolicy;
  /** How long a login's status and token version are trusted without a store read (default 2 s). */
  userStateTtlMs?: number;
  /** Wraps the store the config picked (fault tests put one in front that can be made to fail). */
  wrapStore?: (store: Store) => Store;
  /** How often pending deliveries get their jobs re-armed (default 60 s). */
  deliverySweepMs?: number;
  /**
   * A bulk load (the synthetic seed): the embedded store compacts its journal only when it closes,
   * not every 64 MB, which would rewrite a growing snapshot dozens of times.
   */
  bulkLoad?: boolean;
}

export interface Engine {
  config: Config;
  logger: Logger;
  store: Store;
  queue: Queue;
  search: SearchPort;
  /** What services are built from besides the ports (a second services instance, e.g. the seeder's, reuses them). */
  parts: ServiceParts;
  /** The event pipeline: outbox events to consumers' effects, acknowledged per consumer. */
  relay: EventPipeline;
  /** Keeps this process's in-memory state (candidate index, embedded search) current; runs in every process. */
  follower: OutboxFollower;
  timers: SlaTimers;
  searchWatch: SearchWatch;
  consumers: EventConsumer[];
  services: Services;
  /** Prometheus metrics of this process (served at `/metrics`, and on METRICS_PORT when set). */
  metrics: EngineMetrics;
  app: ReturnType<typeof createApp>;
  readiness(): Promise<Record<string, PortStatus>>;
  /**
   * Starts the workers (event pipeline, deliveries, timers) in this process. `share` bounds the
   * pipeline's part of the event loop: below 1 where it runs beside the API (default 0.5).
   */
  startWorkers(options?: { share?: number }): Promise<void>;
  close(): Promise<void>;
}

/** Whether `error` is the embedded store refusing a data directory another process holds. */
export const isDataDirLocked = (error: unknown): error is Error => error instanceof DataDirLockedError;

/**
 * For entry points that a data-directory lock stops: prints the holder and what to do instead (both
 * languages), and exits 1. Other errors are rethrown.
 */
export function exitIfDataDirLocked(error: unknown, whatToDo: string): void {
  if (!isDataDirLocked(error)) return;
  console.error(`${error.message}\n${whatToDo}`);
  process.exit(1);
}

/**
 * `npm run restore`: makes a verified backup the whole content of the configured embedded store.
 * MongoDB is restored with mongorestore instead.
 */
export async function restoreEmbeddedStore(config: Config, backup: { seq: number; docs: Array<[string, Doc]> }, options: { force: boolean }): Promise<string> {
  if (config.mongodbUri) throw new Error('MONGODB_URI 已设置：MongoDB 请使用 mongorestore 恢复（见 README）。 / MONGODB_URI is set: restore MongoDB with mongorestore (see README).');
  const dir = resolve(config.dataDir, 'store');
  await restoreStore(dir, backup, options);
  return dir;
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
  await mkdir(resolve(config.dataDir), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Key material for secrets kept in the store, never inside the data directory: SECRETS_KEY; else
 * JWT_SECRET (given in the environment, outside the data); else, in development, a key generated
 * once into `<DATA_DIR>.secrets-key` beside the data directory (in memory: a random key).
 */
async function resolveSecretsKey(config: Config, inMemory: boolean, logger: Logger): Promise<string> {
  if (config.secretsKey) return config.secretsKey;
  if (config.jwtSecret) return config.jwtSecret;
  if (inMemory) return randomBytes(32).toString('hex');
  const file = `${resolve(config.dataDir)}.secrets-key`;
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // First start: generate below.
  }
  const key = randomBytes(48).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  logger.warn({ file }, 'SECRETS_KEY not set: generated a development key beside the data directory; set SECRETS_KEY in production');
  return key;
}

function buildQueue(config: Config, logger: Logger): Queue {
  return config.redisUrl ? new BullmqQueue({ connection: config.redisUrl, logger }) : new InlineQueue();
}

/** Login throttle: shared through Redis when REDIS_URL is set, else in this process's memory. */
function buildLoginThrottle(config: Config, policy: LoginThrottlePolicy, logger: Logger): { throttle: LoginThrottle; close(): Promise<void> } {
  if (!config.redisUrl) return { throttle: memoryLoginThrottle(policy), close: async () => undefined };
  // No offline queue: while Redis is away, commands fail at once and the throttle uses its memory fallback.
  const client = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  // ioredis repeats the error on every reconnect attempt: say it once per outage.
  let reported = false;
  client.on('ready', () => (reported = false));
  client.on('error', (error) => {
    if (!reported) logger.warn({ err: error }, 'login throttle: Redis unavailable, counting in this process until it returns');
    reported = true;
  });
  return { throttle: redisLoginThrottle(client, policy), close: async () => void client.disconnect() };
}

function buildSearch(config: Config): SearchPort {
  return config.meili ? new MeilisearchSearch({ url: config.meili.url, apiKey: config.meili.key }) : new EmbeddedSearch();
}

function buildStore(config: Config, inMemory: boolean, logger: Logger, bulkLoad: boolean): Store {
  if (config.mongodbUri) return new MongoStore({ uri: config.mongodbUri });
  if (inMemory) return new EmbeddedStore({ inMemory: true });
  return new EmbeddedStore({ dataDir: resolve(config.dataDir, 'store'), logger, ...(bulkLoad ? { compactAtBytes: Number.MAX_SAFE_INTEGER } : {}) });
}

/** The composition root: picks one adapter per port from the config and wires services, HTTP and workers. */
export async function buildEngine(config: Config, overrides: EngineOverrides = {}): Promise<Engine> {
  const inMemory = overrides.inMemory ?? false;
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const built = buildStore(config, inMemory, logger, overrides.bulkLoad ?? false);
  const store = overrides.wrapStore ? overrides.wrapStore(built) : built;
  await store.connect();
  await ensureReferenceData(store, config.provinces);
  const queue = buildQueue(config, logger);
  await queue.connect();
  const search = new WarmingSearch(overrides.search ?? buildSearch(config));
  let searchUp = true;
  try {
    await search.connect();
  } catch (error) {
    // Search is not essential: the engine answers from the store and the indexer catches up later.
    searchUp = false;
    logger.warn({ err: error, adapter: search.adapter }, 'search backend unavailable at start-up; search answers degraded until it returns');
  }
  let relay: EventPipeline | null = null;
  let follower: OutboxFollower | null = null;

  const secrets = new AesGcmSecretBox(await resolveSecretsKey(config, inMemory, logger));
  const tokens = new JoseTokens(await resolveJwtSecret(config, inMemory), config.jwtTtlMinutes, clock);
  const pdf = overrides.pdf ?? new ChromiumPdf();
  const parts: ServiceParts = { search, pdf, taxonomy: new GrowingTaxonomy(loadSkillTaxonomyDoc()), segment: jiebaSegmenter() };
  const login = buildLoginThrottle(config, overrides.loginThrottlePolicy ?? defaultLoginThrottlePolicy, logger);
  const services = buildServices(parts, {
    store,
    clock,
    ids: overrides.ids ?? new RandomIds(),
    hasher: new BoundedHasher(overrides.hasher ?? new Argon2Hasher(), { concurrency: config.hashConcurrency }),
    tokens,
    secrets,
    queue,
    settings: { reopenWindowDays: config.reopenWindowDays },
    onEventsRecorded: (events) => {
      follower?.push(events);
      relay?.kick();
    },
  }, { notifications: overrides.notifications, accounts: { throttle: login.throttle, ...(overrides.userStateTtlMs === undefined ? {} : { userStateTtlMs: overrides.userStateTtlMs }) } });
  // Staff's taxonomy additions apply before anything is matched.
  await services.taxonomy.load();
  // The embedded store has one owning process; a shared store (MongoDB) may have several worker processes.
  const sharedStore = store.adapter !== 'embedded';
  const leases = sharedStore ? new Leases(store) : null;
  // What lives in process memory follows the outbox in every process; what lives in a shared backend is consumed once.
  const embeddedSearch = search.adapter === 'embedded';
  follower = new OutboxFollower({ store, logger, followers: [matchingFollower(services.matching), ...(embeddedSearch ? [searchFollower(services.search)] : [])] }, { sharedStore });
  const consumers: EventConsumer[] = [offerTimerConsumer(services.sla), serviceLimitTimerConsumer(services.limitTimers, store), appointmentTimerConsumer(services.appointmentTimers, store), ...reportingConsumers(store, services.reputation), decisionFeedbackConsumer(store, services.feedback), ...(embeddedSearch ? [] : [searchIndexer(services.search)])];
  let metrics: EngineMetrics | null = null;
  const notify = wireNotifications({
    notifications: {
      ...services.notifications,
      // Counted here rather than inside the consumer: a re-driven event adds no inbox rows, so no count either.
      fanOut: async (events) => {
        const result = await services.notifications.fanOut(events);
        metrics?.notification('inbox', 'sent', result.inbox);
        return result;
      },
    },
    store,
    queue,
    logger,
    leases,
    ...(overrides.deliverySweepMs ? { sweepMs: overrides.deliverySweepMs } : {}),
    worker: {
      store,
      clock,
      logger,
      secrets,
      sms: overrides.sms ?? new LoggingSms(logger),
      transport: overrides.webhookTransport ?? new NodeHttpWebhook(),
      ...(overrides.webhookTimeoutMs ? { timeoutMs: overrides.webhookTimeoutMs } : {}),
      onOutcome: (channel, outcome) => metrics?.notification(channel, outcome),
    },
  });
  consumers.push(notify.consumer);
  // Consumers read the outbox, not a queue: the queues carry only deliveries and offer timers.
  const queueNames = [...notify.queueNames, 'offer-expiry', SERVICE_LIMIT_QUEUE, APPOINTMENT_QUEUE];
  metrics = createEngineMetrics({ store, queue, clock, consumerLag: () => relay?.lag() ?? Promise.resolve({}), queueNames });
  const board = queueBoard({
    queue,
    queueNames,
    authenticate: (token) => services.accounts.authenticate(token),
    redis: config.redisUrl,
  });
  const searchWatch = new SearchWatch({ search, service: services.search, logger });
  const timers = new SlaTimers({ queue, sla: services.sla, dispatch: services.dispatch, limits: services.limitTimers, followUps: services.followUps, appointments: services.appointmentTimers, logger, leases });
  const retention = new RetentionTimer({ prune: () => services.retention.prune(), logger });
  await services.webhooks.sealStoredSecrets();
  // Orders stored before 需求单编号 existed get theirs now, in order of submission, before anything serves them.
  const numbered = await services.orderNumbers.backfill();
  if (numbered > 0) logger.info({ numbered }, 'order numbers given to orders stored without one');
  // Statistics kept in an older layout are rebuilt before the stats consumer diffs against them.
  const rebuilt = await rebuildOutdatedRollups(store);
  if (rebuilt > 0) logger.info({ buckets: rebuilt, format: ROLLUP_FORMAT }, 'statistics rollups rebuilt from the store into the current layout');
  // The embedded index lives in memory: rebuild it from the store on every start (a shared one after a backfill).
  // In the background by default, so the time to answer does not grow with the pool: until it is built,
  // searches answer from the store (degraded) and readiness says so. In memory (tests) the store starts empty.
  let searchBuild: Promise<unknown> = Promise.resolve();
  if (searchUp && (search.adapter === 'embedded' || numbered > 0)) {
    const build = () => search.buildWhileRefusing(async () => {
      const started = performance.now();
      const indexed = await services.search.rebuildAll();
      logger.info({ ...indexed, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'search indexes built from the store');
    });
    if (config.searchBuild === 'background' && !inMemory) searchBuild = build().catch((error: unknown) => logger.error({ err: error }, 'search index build failed; searches go to the index as it was before (empty after a start) until a restart or npm run reindex'));
    else await build();
  }
  const pipeline = new EventPipeline({ store, clock, logger, consumers, leases });
  relay = pipeline;
  follower.start();

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
    search: search.building ? { adapter: search.adapter, ok: true, state: 'degraded' } : await status(search, false),
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
    relay: pipeline,
    follower,
    timers,
    searchWatch,
    consumers,
    services,
    metrics,
    app,
    readiness,
    async startWorkers(options = {}) {
      pipeline.configure({ share: options.share ?? 0.5 });
      await timers.start();
      await notify.startWorkers();
      searchWatch.start(searchUp);
      pipeline.start();
      retention.start();
    },
    async close() {
      timers.stop();
      await retention.stop();
      searchWatch.stop();
      notify.stop();
      await searchBuild;
      follower?.stop();
      await pipeline.stop();
      await follower?.drain();
      await leases?.releaseAll().catch(() => undefined);
      await board.close();
      await login.close();
      await queue.close();
      await search.close();
      await pdf.close();
      await store.close();
    },
  };
}
