import { createHmac } from 'node:crypto';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Delivery } from '../domain/notifications/notification.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  buildWebhookMessage,
  robotError,
  type WebhookConfig,
} from '../domain/notifications/webhook-message.js';
import { checkResolvedAddresses, checkWebhookUrl } from '../domain/notifications/webhook-url.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import { UnrecoverableJobError, type RunningJob } from '../ports/queue.js';
import type { SecretBox } from '../ports/security.js';
import type { SmsSender } from '../ports/sms.js';
import type { Store } from '../ports/store.js';
import type { WebhookTransport } from '../ports/webhook.js';
import type { DeliveryJobData } from '../services/notification-service.js';

export interface DeliveryWorkerDeps {
  store: Store;
  clock: Clock;
  transport: WebhookTransport;
  sms: SmsSender;
  /** Opens the org's sealed signing secret. */
  secrets: Pick<SecretBox, 'open'>;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Per request, including DNS-checked connect and answer. Default 5 s. */
  timeoutMs?: number;
  /** The console's public base URL, so webhook messages carry absolute links. */
  publicBaseUrl?: string | null;
  /** Told each outcome (for metrics): `retry` is a failed try that will be retried, `failed` the last one. */
  onOutcome?: (channel: Delivery['channel'], outcome: 'sent' | 'skipped' | 'retry' | 'failed') => void;
}

/** `sha256=<hex>` of the raw body under the org's secret: what a receiver recomputes to trust a delivery. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

async function sendWebhook(delivery: Delivery, deps: DeliveryWorkerDeps): Promise<'sent' | 'skipped'> {
  const orgId = delivery.orgId ?? '';
  const config = await deps.store.collection<WebhookConfig>('webhooks').findById(orgId);
  if (!config?.enabled) return 'skipped';
  const policy = { allowPrivate: config.allowPrivate };
  const checked = checkWebhookUrl(config.url, policy);
  if (!checked.ok) throw new UnrecoverableJobError(`WEBHOOK_URL_REFUSED: ${checked.reason}`);
  // Resolved at send time and connected to exactly these addresses: a name that now points inside is refused.
  const addresses = await deps.transport.resolve(checked.url.hostname);
  const resolved = checkResolvedAddresses(
    addresses.map((a) => a.address),
    policy,
  );
  if (!resolved.ok) throw new UnrecoverableJobError(`WEBHOOK_URL_REFUSED: ${resolved.reason} (${addresses.map((a) => a.address).join(', ')})`);

  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const body = JSON.stringify(
    buildWebhookMessage({ title: delivery.title, body: delivery.body, link: delivery.link, eventId: delivery.eventId, eventType: delivery.eventType, orgId, timestamp, publicBaseUrl: deps.publicBaseUrl ?? null }),
  );
  const answer = await deps.transport.post({
    url: checked.url.toString(),
    addresses,
    body,
    timeoutMs: deps.timeoutMs ?? 5_000,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Jiangxin-Webhook/1.0',
      [SIGNATURE_HEADER]: signWebhookBody(deps.secrets.open(config.secret), body),
      [TIMESTAMP_HEADER]: String(timestamp),
      [EVENT_HEADER]: delivery.eventType,
      [DELIVERY_HEADER]: delivery._id,
    },
  });
  if (answer.status < 200 || answer.status >= 300) throw new Error(`HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`);
  const refused = robotError(answer.body);
  if (refused) throw new Error(refused);
  return 'sent';
}

async function sendSms(delivery: Delivery, deps: DeliveryWorkerDeps): Promise<'sent'> {
  const craftsman = delivery.craftsmanId ? await deps.store.collection<Craftsman>('craftsmen').findById(delivery.craftsmanId) : null;
  if (!craftsman?.phone) throw new UnrecoverableJobError(`craftsman ${delivery.craftsmanId ?? '?'} has no phone`);
  await deps.sms.send(craftsman.phone, delivery.body);
  return 'sent';
}

/**
 * Processor of the `webhook` and `sms` queues: sends one delivery and records the outcome. A delivery
 * that is no longer pending (sent, skipped, failed and not re-armed) is left alone, so a repeated job
 * sends nothing twice once the first send was recorded. The last failed try marks it `failed` (the
 * dead letter admins see and retry); a refusal that retrying cannot mend fails it at once.
 */
export async function processDeliveryJob(job: RunningJob<DeliveryJobData>, deps: DeliveryWorkerDeps): Promise<void> {
  const deliveries = deps.store.collection<Delivery>('deliveries');
  const delivery = await deliveries.findById(job.data.deliveryId);
  if (!delivery) throw new UnrecoverableJobError(`delivery ${job.data.deliveryId} not found`);
  if (delivery.status !== 'pending') return;
  const now = () => deps.clock.now().toISOString();
  try {
    const outcome = delivery.channel === 'webhook' ? await sendWebhook(delivery, deps) : await sendSms(delivery, deps);
    await deliveries.updateOne(
      { _id: delivery._id, status: 'pending' },
      outcome === 'sent' ? { $set: { status: 'sent', sentAt: now(), updatedAt: now(), lastError: null }, $inc: { attempts: 1 } } : { $set: { status: 'skipped', updatedAt: now() } },
    );
    deps.onOutcome?.(delivery.channel, outcome);
  } catch (error) {
    const last = error instanceof UnrecoverableJobError || job.attempt >= job.data.maxAttempts;
    await deliveries.updateOne({ _id: delivery._id, status: 'pending' }, { $set: { lastError: messageOf(error), updatedAt: now(), ...(last ? { status: 'failed' } : {}) }, $inc: { attempts: 1 } });
    deps.onOutcome?.(delivery.channel, last ? 'failed' : 'retry');
    deps.logger.warn({ deliveryId: delivery._id, channel: delivery.channel, attempt: job.attempt, final: last, err: messageOf(error) }, last ? 'delivery failed for good: in the dead letter' : 'delivery failed: will retry');
    throw error;
  }
}
