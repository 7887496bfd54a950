import { AsyncLocalStorage } from 'node:async_hooks';
import { domainEventTypes, type DomainEvent, type DomainEventType } from '../domain/events/domain-event.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import { UnrecoverableJobError } from '../ports/queue.js';
import type { Collection, Store } from '../ports/store.js';
import type { EventConsumer } from './event-consumer.js';
import type { Leases } from './leases.js';

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  consumers: EventConsumer[];
  /** Who runs which consumer when several worker processes share a store; null runs every consumer here. */
  leases: Leases | null;
}

export interface PipelineOptions {
  /**
   * Most of the event loop's wall time the pipeline may take (0 < share ≤ 1): after a batch that took
   * t ms it rests t·(1 − share)/share ms. Below 1 where it shares a process with the API.
   */
  share?: number;
  /** How often an idle pipeline looks for events written by other processes. */
  intervalMs?: number;
  /** Longest rest between tries of a failing consumer. */
  maxBackoffMs?: number;
}

interface ConsumerState {
  consumer: EventConsumer;
  types: DomainEventType[];
  /** Failed batch tries in a row; from the second one the batch is tried event by event. */
  failures: number;
  notBefore: number;
}

const DEFAULT_BATCH = 100;
const DEFAULT_ATTEMPTS = 5;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Turns outbox events into effects. Each consumer reads the pending events it wants and has not
 * acknowledged, oldest first, and commits a batch's effects together with its acknowledgement; the
 * last acknowledgement finishes the event (`status: 'sent'`). Nothing lives only in a queue or in
 * memory, so a restart of anything (this process, Redis, the store) re-drives exactly the
 * unacknowledged work. Errors are caught per consumer, logged and retried with backoff; an event
 * that keeps failing is set aside for that consumer (`failures`) so it cannot block the others.
 */
export class EventPipeline {
  private readonly states: ConsumerState[];
  private readonly wantedBy = new Map<DomainEventType, string[]>();
  private readonly unwanted: DomainEventType[];
  private share: number;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  /** The pending timer is a rest after work (keeps the share), not an idle wait that a kick may cut short. */
  private resting = false;
  private stopped = true;
  /** Since when rounds have found work (null while idle). */
  private busySince: number | null = null;
  /**
   * The async context of construction: kick() is called inside the transaction that recorded events,
   * and a timer set there would carry that finished transaction's context into every later round.
   */
  private readonly outside = AsyncLocalStorage.snapshot();
  /** Events this process finished and consumer batches it ran (for the soak and tests). */
  readonly stats = { batches: 0, events: 0, failedBatches: 0 };

  constructor(
    private readonly deps: PipelineDeps,
    options: PipelineOptions = {},
  ) {
    this.share = Math.min(1, Math.max(0.05, options.share ?? 1));
    this.intervalMs = options.intervalMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.states = deps.consumers.map((consumer) => ({ consumer, types: domainEventTypes.filter((t) => consumer.wants(t)), failures: 0, notBefore: 0 }));
    for (const type of domainEventTypes) this.wantedBy.set(type, deps.consumers.filter((c) => c.wants(type)).map((c) => c.name));
    this.unwanted = domainEventTypes.filter((t) => (this.wantedBy.get(t) ?? []).length === 0);
  }

  private get outbox(): Collection<DomainEvent> {
    return this.deps.store.collection<DomainEvent>('outbox');
  }

  /** Sets the share of the event loop (see PipelineOptions.share); before start(). */
  configure(options: { share: number }): void {
    this.share = Math.min(1, Math.max(0.05, options.share));
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a round soon (after a write that recorded events). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (!this.resting) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.outside(() => setTimeout(() => void this.tick(), ms));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.running) return;
    const started = performance.now();
    let done = 0;
    this.running = this.round();
    try {
      done = await this.running;
    } catch (error) {
      // round() catches per consumer; this is a last guard so the loop itself never dies.
      this.deps.logger.error({ err: error }, 'event pipeline: round failed; retrying');
    } finally {
      this.running = null;
    }
    const busy = performance.now() - started;
    if (done > 0) this.busySince ??= Date.now();
    else if (this.busySince !== null && !this.again) {
      this.deps.logger.info({ busyMs: Date.now() - this.busySince, ...this.stats }, 'event pipeline: caught up, every event acknowledged');
      this.busySince = null;
    }
    const more = done > 0 || this.again;
    this.again = false;
    // The rest after real work keeps the pipeline's share of the event loop; an idle pipeline polls.
    this.resting = more;
    this.schedule(more ? (busy * (1 - this.share)) / this.share : this.nextWake());
  }

  /** Until the earliest backed-off consumer may try again, or the poll interval. */
  private nextWake(): number {
    const now = Date.now();
    const waits = this.states.filter((s) => s.notBefore > now).map((s) => s.notBefore - now);
    return Math.min(this.intervalMs, ...waits);
  }

  /** One batch for every consumer that may run now; returns how many events were handled. */
  async round(): Promise<number> {
    let handled = 0;
    for (const state of this.states) {
      if (state.notBefore > Date.now()) continue;
      try {
        if (this.deps.leases && !(await this.deps.leases.hold(`consumer:${state.consumer.name}`))) continue;
        handled += await this.runBatch(state);
        state.failures = 0;
      } catch (error) {
        state.failures += 1;
        this.stats.failedBatches += 1;
        const backoff = Math.min(this.maxBackoffMs, 500 * 2 ** (state.failures - 1));
        state.notBefore = Date.now() + backoff;
        this.deps.logger.warn({ err: error, consumer: state.consumer.name, failures: state.failures, retryInMs: backoff }, 'event pipeline: batch failed; will retry');
      }
    }
    if (handled > 0 || this.unwanted.length > 0) await this.finishUnwanted();
    return handled;
  }

  /** Events no consumer wants are finished as soon as they are seen. */
  private async finishUnwanted(): Promise<void> {
    if (this.unwanted.length === 0) return;
    try {
      await this.outbox.updateMany({ status: 'pending', type: { $in: this.unwanted } }, { $set: { status: 'sent', publishedAt: this.deps.clock.now().toISOString() } });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'event pipeline: could not finish unwanted events; will retry');
    }
  }

  private async runBatch(state: ConsumerState): Promise<number> {
    const { consumer } = state;
    if (state.types.length === 0) return 0;
    const events = await this.outbox.find(
      { status: 'pending', type: { $in: state.types }, acks: { $ne: consumer.name } },
      { sort: { occurredAt: 1, _id: 1 }, limit: consumer.batchSize ?? DEFAULT_BATCH },
    );
    if (events.length === 0) return 0;
    this.deps.logger.debug({ consumer: consumer.name, events: events.length }, 'event pipeline: batch taken');
    // After a failed try, a batch is taken apart so one bad event cannot hold up the rest.
    if (state.failures === 0 || events.length === 1) {
      try {
        await this.apply(consumer, events);
        return events.length;
      } catch (error) {
        if (events.length === 1 && !(await this.countFailure(consumer, events[0] as DomainEvent, error))) throw error;
        if (events.length > 1) throw error;
        return 1;
      }
    }
    let handled = 0;
    for (const event of events) {
      try {
        await this.apply(consumer, [event]);
        handled += 1;
      } catch (error) {
        if (!(await this.countFailure(consumer, event, error))) throw error;
        handled += 1;
      }
    }
    return handled;
  }

  /** Runs the consumer and checks that it acknowledged. */
  private async apply(consumer: EventConsumer, events: DomainEvent[]): Promise<void> {
    let acknowledged = false;
    await consumer.handleBatch(events, async () => {
      await this.acknowledge(consumer.name, events);
      acknowledged = true;
    });
    if (!acknowledged) throw new Error(`consumer ${consumer.name} returned without acknowledging its batch`);
    this.stats.batches += 1;
    this.stats.events += events.length;
  }

  /** Marks the batch done for this consumer, and finished where it was the last one owed. */
  private async acknowledge(name: string, events: DomainEvent[]): Promise<void> {
    const ids = events.map((e) => e._id);
    await this.outbox.updateMany({ status: 'pending', _id: { $in: ids } }, { $addToSet: { acks: name } });
    await this.finishAcknowledged(events);
  }

  private async finishAcknowledged(events: DomainEvent[]): Promise<void> {
    const byType = new Map<DomainEventType, string[]>();
    for (const e of events) byType.set(e.type, [...(byType.get(e.type) ?? []), e._id]);
    const publishedAt = this.deps.clock.now().toISOString();
    for (const [type, ids] of byType) {
      const owed = this.wantedBy.get(type) ?? [];
      await this.outbox.updateMany({ status: 'pending', _id: { $in: ids }, acks: { $all: owed } }, { $set: { status: 'sent', publishedAt } });
    }
  }

  /**
   * Counts a failed try of one event; at its last try (or at once for an UnrecoverableJobError) it is
   * set aside for this consumer. Returns false when the failure should instead back the consumer off
   * (the count itself could not be written: the store is down).
   */
  private async countFailure(consumer: EventConsumer, event: DomainEvent, error: unknown): Promise<boolean> {
    const tries = (event.tries?.[consumer.name] ?? 0) + 1;
    const last = error instanceof UnrecoverableJobError || tries >= (consumer.attempts ?? DEFAULT_ATTEMPTS);
    try {
      if (!last) {
        await this.outbox.updateOne({ _id: event._id }, { $set: { [`tries.${consumer.name}`]: tries } });
        return false;
      }
      await this.deps.store.transaction(async () => {
        await this.outbox.updateOne({ _id: event._id }, { $set: { [`tries.${consumer.name}`]: tries, [`failures.${consumer.name}`]: messageOf(error) }, $addToSet: { acks: consumer.name, setAside: consumer.name } });
        await this.finishAcknowledged([event]);
      });
    } catch (writeError) {
      this.deps.logger.warn({ err: writeError, consumer: consumer.name, eventId: event._id }, 'event pipeline: could not record a failed try');
      return false;
    }
    this.deps.logger.error({ err: error, consumer: consumer.name, eventId: event._id, eventType: event.type, tries }, 'event pipeline: event set aside for this consumer after its last try');
    return true;
  }

  /**
   * Runs rounds until no consumer finds work (tests, scripts, shutdown), ignoring backoffs; a consumer
   * that keeps failing gets up to 20 tries in a row without progress before flush gives up.
   */
  async flush(): Promise<void> {
    for (let idle = 0; idle < 20; ) {
      for (const state of this.states) state.notBefore = 0;
      const failedBefore = this.stats.failedBatches;
      if ((await this.round()) > 0) idle = 0;
      else if (this.stats.failedBatches === failedBefore) return;
      else idle += 1;
    }
  }

  /** Per consumer: how many events it still owes and the age of the oldest (the lag). */
  async lag(): Promise<Record<string, { pending: number; oldestMs: number | null }>> {
    const out: Record<string, { pending: number; oldestMs: number | null }> = {};
    const now = this.deps.clock.now().getTime();
    for (const { consumer, types } of this.states) {
      const filter = { status: 'pending', type: { $in: types }, acks: { $ne: consumer.name } };
      const [pending, oldest] = await Promise.all([this.outbox.count(filter), this.outbox.findOne(filter, { sort: { occurredAt: 1, _id: 1 } })]);
      out[consumer.name] = { pending, oldestMs: oldest ? Math.max(0, now - new Date(oldest.occurredAt).getTime()) : null };
    }
    return out;
  }
}
