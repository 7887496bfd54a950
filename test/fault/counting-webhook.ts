import { DELIVERY_HEADER } from '../../src/domain/notifications/webhook-message.js';
import type { ResolvedAddress, WebhookAnswer, WebhookPost, WebhookTransport } from '../../src/ports/webhook.js';

/** A receiving end behind the webhook port: every name resolves to a public address; posts are counted per delivery id. */
export class CountingWebhook implements WebhookTransport {
  readonly received = new Map<string, number>();

  async resolve(): Promise<ResolvedAddress[]> {
    return [{ address: '93.184.216.34', family: 4 }];
  }

  async post(request: WebhookPost): Promise<WebhookAnswer> {
    const id = request.headers[DELIVERY_HEADER] ?? '?';
    this.received.set(id, (this.received.get(id) ?? 0) + 1);
    return { status: 200, body: '{"errcode":0}' };
  }

  /** Deliveries received more than once. */
  get duplicated(): number {
    return [...this.received.values()].filter((n) => n > 1).length;
  }
}
