import type { DomainEvent } from '../domain/events/domain-event.js';
import { isNotifiable } from '../domain/notifications/notification.js';
import type { Logger } from '../logger.js';
import type { Queue } from '../ports/queue.js';
import type { Store } from '../ports/store.js';
import { NOTIFY_QUEUE, SMS_QUEUE, WEBHOOK_QUEUE, type DeliveryJobData, type NotificationService } from '../services/notification-service.js';
import type { EventConsumer } from './event-consumer.js';
import type { Leases } from './leases.js';
import { processDeliveryJob, type DeliveryWorkerDeps } from './webhook-worker.js';

type Notifications = Pick<NotificationService, 'fanOut' | 'enqueueDeliveries' | 'requeuePendingDeliveries'>;

/**
 * The `notify` consumer: a batch of events to the inboxes of the people they concern and to delivery
 * records, committed with the acknowledgement in one transaction; the delivery jobs are enqueued after
 * it commits (a job lost then, or later by the queue, is re-armed from the pending delivery).
 */
export function notificationConsumer(input: { store: Store; notifications: Notifications; logger: Pick<Logger, 'warn'> }): EventConsumer {
  return {
    name: NOTIFY_QUEUE,
    attempts: 8,
    batchSize: 200,
    wants: (type: DomainEvent['type']) => isNotifiable(type),
    async handleBatch(events, acknowledge) {
      const { deliveries } = await input.store.transaction(async () => {
        const result = await input.notifications.fanOut(events);
        await acknowledge();
        return result;
      });
      if (deliveries.length === 0) return;
      try {
        await input.notifications.enqueueDeliveries(deliveries);
      } catch (error) {
        input.logger.warn({ err: error, deliveries: deliveries.length }, 'notify: delivery jobs not enqueued now; the delivery sweep re-arms them');
      }
    },
  };
}

/** The job queues of outside deliveries (for the queue board). */
export const NOTIFICATION_QUEUES = [WEBHOOK_QUEUE, SMS_QUEUE] as const;

export interface NotificationWiring {
  /** Register it with the event pipeline (`consumers.push(wiring.consumer)`). */
  consumer: EventConsumer;
  queueNames: readonly string[];
  /** Starts this process's `webhook` and `sms` processors and the sweep that re-arms lost delivery jobs. */
  startWorkers(): Promise<void>;
  stop(): void;
  /** Re-arms the jobs of pending deliveries (at start-up, then every `sweepMs`, by the lease holder). */
  sweep(): Promise<number>;
}

/** What the composition root calls: the consumer for the pipeline and the delivery processors. */
export function wireNotifications(input: {
  notifications: Notifications;
  store: Store;
  queue: Queue;
  worker: DeliveryWorkerDeps;
  logger: Logger;
  leases?: Leases | null;
  concurrency?: number;
  sweepMs?: number;
}): NotificationWiring {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async (): Promise<number> => {
    try {
      if (input.leases && !(await input.leases.hold('delivery-sweep'))) return 0;
      return await input.notifications.requeuePendingDeliveries();
    } catch (error) {
      input.logger.warn({ err: error }, 'deliveries: re-arming pending jobs failed; will retry');
      return 0;
    }
  };
  return {
    consumer: notificationConsumer({ store: input.store, notifications: input.notifications, logger: input.logger }),
    queueNames: NOTIFICATION_QUEUES,
    async startWorkers() {
      const concurrency = input.concurrency ?? 4;
      await input.queue.process<DeliveryJobData>(WEBHOOK_QUEUE, (job) => processDeliveryJob(job, input.worker), { concurrency });
      await input.queue.process<DeliveryJobData>(SMS_QUEUE, (job) => processDeliveryJob(job, input.worker), { concurrency });
      await sweep();
      timer = setInterval(() => void sweep(), input.sweepMs ?? 60_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    sweep,
  };
}
