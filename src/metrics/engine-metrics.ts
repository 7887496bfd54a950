import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../ports/clock.js';
import type { Queue } from '../ports/queue.js';
import type { Store, StoreStats } from '../ports/store.js';
import { outboxFigures, outboxLagSeconds } from '../workers/outbox-figures.js';

export interface MetricsDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  /** Per consumer: the outbox events it still owes (the event pipeline's `lag()`). */
  consumerLag: () => Promise<Record<string, { pending: number }>>;
  /** Every queue shown with its depth and failures (consumers, deliveries, timers). */
  queueNames: readonly string[];
}

export type NotificationOutcome = 'sent' | 'skipped' | 'retry' | 'failed';

export interface EngineMetrics {
  registry: Registry;
  /** One finished HTTP request; `route` is the route's pattern (never the raw path, which would explode the label set). */
  observeRequest(input: { method: string; route: string; status: number; seconds: number }): void;
  /** One notification outcome on a channel (`inbox`, `webhook`, `sms`). */
  notification(channel: string, outcome: NotificationOutcome, count?: number): void;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * prom-client starts every metric's collect of a scrape together; gauges that share one reading
 * (pending and oldest age; queue depth and consumer lag) join the reading in flight instead of each
 * making their own, and the next scrape reads afresh.
 */
function sharedReading<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/**
 * The engine's Prometheus metrics, on a registry of its own (tests build several engines in one
 * process). Counters move as things happen; outbox, queue and store figures are read at scrape time
 * from the ports, so an API process reports the backlog that worker processes leave.
 */
export function createEngineMetrics(deps: MetricsDeps): EngineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'jiangxin_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'jiangxin_notifications_total',
    help: 'Notifications by channel (inbox, webhook, sms) and outcome (sent, skipped, retry, failed = given up)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });

  const outbox = sharedReading(() => outboxFigures(deps.store));
  new Gauge({
    name: 'jiangxin_outbox_pending_events',
    help: 'Domain events recorded but not yet handed to the consumers',
    registers: [registry],
    async collect() {
      this.set((await outbox()).pending);
    },
  });
  new Gauge({
    name: 'jiangxin_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest event still pending in the outbox (0 when none)',
    registers: [registry],
    async collect() {
      this.set(outboxLagSeconds(await outbox(), deps.clock.now()));
    },
  });

  // A queue whose backend is down gives no figure rather than a false zero.
  const queueCounts = sharedReading(() => Promise.all(deps.queueNames.map(async (name) => [name, await deps.queue.counts(name).catch(() => null)] as const)));
  new Gauge({
    name: 'jiangxin_queue_jobs',
    help: 'Jobs per queue and state (failed = the dead letter list)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, c] of await queueCounts()) if (c) for (const state of QUEUE_STATES) this.set({ queue, state }, c[state]);
    },
  });
  new Gauge({
    name: 'jiangxin_consumer_lag_events',
    help: 'Outbox events a consumer wants and has not yet acknowledged (its effects not yet committed)',
    labelNames: ['consumer'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [consumer, { pending }] of Object.entries(await deps.consumerLag())) this.set({ consumer }, pending);
    },
  });

  // Only where the adapter keeps its own files (embedded); MongoDB reports its storage itself.
  const stats = deps.store.stats?.bind(deps.store);
  if (stats) {
    const storeGauge = (name: string, help: string, read: (s: StoreStats) => number | null) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          const value = read(stats());
          if (value !== null) this.set(value);
        },
      });
    storeGauge('jiangxin_store_journal_bytes', 'Bytes in the embedded store journal not yet compacted into a snapshot', (s) => s.journalBytes);
    storeGauge('jiangxin_store_compactions', 'Journal compactions since this process started', (s) => s.compactions);
    storeGauge('jiangxin_store_last_compaction_seconds', 'Duration of the last journal compaction', (s) => s.lastCompactionSeconds);
  }

  return {
    registry,
    observeRequest({ method, route, status, seconds }) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    notification(channel, outcome, count = 1) {
      if (count > 0) notifications.inc({ channel, outcome }, count);
    },
  };
}
