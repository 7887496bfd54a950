import type { DomainEvent } from '../domain/events/domain-event.js';
import { isNotifiable } from '../domain/notifications/notification.js';
import type { Queue } from '../ports/queue.js';
import { NOTIFY_QUEUE, SMS_QUEUE, WEBHOOK_QUEUE, type DeliveryJobData, type NotificationService } from '../services/notification-service.js';
import type { EventConsumer } from './event-consumer.js';
import { processDeliveryJob, type DeliveryWorkerDeps } from './webhook-worker.js';

/** The `notify` consumer: each event to the inbox of the people it concerns, and to webhook and SMS jobs. */
export function notificationConsumer(notifications: Pick<NotificationService, 'handleEvent'>): EventConsumer {
  return {
    name: NOTIFY_QUEUE,
    wants: (type: DomainEvent['type']) => isNotifiable(type),
    handle: async (event: DomainEvent) => {
      await notifications.handleEvent(event);
    },
    concurrency: 32,
    attempts: 8,
  };
}

/** Every queue of the notification pipeline (for the queue board). */
export const NOTIFICATION_QUEUES = [NOTIFY_QUEUE, WEBHOOK_QUEUE, SMS_QUEUE] as const;

export interface NotificationWiring {
  /** Register it with the outbox relay (`consumers.push(wiring.consumer)`). */
  consumer: EventConsumer;
  queueNames: readonly string[];
  /** Starts this process's `webhook` and `sms` processors (the `notify` one starts with the other consumers). */
  startWorkers(): Promise<void>;
}

/** What the composition root calls: the consumer for the relay and the delivery processors. */
export function wireNotifications(input: { notifications: Pick<NotificationService, 'handleEvent'>; queue: Queue; worker: DeliveryWorkerDeps; concurrency?: number }): NotificationWiring {
  return {
    consumer: notificationConsumer(input.notifications),
    queueNames: NOTIFICATION_QUEUES,
    async startWorkers() {
      const concurrency = input.concurrency ?? 4;
      await input.queue.process<DeliveryJobData>(WEBHOOK_QUEUE, (job) => processDeliveryJob(job, input.worker), { concurrency });
      await input.queue.process<DeliveryJobData>(SMS_QUEUE, (job) => processDeliveryJob(job, input.worker), { concurrency });
    },
  };
}
