import { z } from 'zod';
import type { DomainEventType } from '../events/domain-event.js';

/**
 * Webhook settings of a union org (stored apart from the org document, so the secret never leaves
 * with the reference data). `allowPrivate` lets an admin point it at loopback or intranet addresses.
 */
export interface WebhookConfig {
  /** The org id. */
  _id: string;
  url: string;
  secret: string;
  enabled: boolean;
  allowPrivate: boolean;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export const webhookSecretSchema = z.string().min(16, '签名密钥至少 16 个字符').max(200, '签名密钥不超过 200 个字符');

export const webhookInputSchema = z.strictObject({
  url: z.string().trim().min(1, '请填写 Webhook 地址').max(2000),
  /** Omitted: keep the stored secret (required the first time). */
  secret: webhookSecretSchema.optional(),
  enabled: z.boolean(),
  /** Admin only. */
  allowPrivate: z.boolean().optional(),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

/** What a client may see: never the secret itself. */
export function publicWebhook(orgId: string, config: WebhookConfig | null) {
  if (!config) return { orgId, url: null, enabled: false, allowPrivate: false, hasSecret: false, updatedAt: null, updatedBy: null };
  return { orgId, url: config.url, enabled: config.enabled, allowPrivate: config.allowPrivate, hasSecret: config.secret.length > 0, updatedAt: config.updatedAt, updatedBy: config.updatedBy };
}

/** Characters that would turn text people typed into markdown links, headings or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]()#>!|~<])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export interface WebhookMessageInput {
  title: string;
  body: string;
  /** A console path built by the engine from ids (not text people typed), so it is not escaped. */
  link: string;
  eventId: string;
  eventType: DomainEventType;
  orgId: string;
  /** Unix seconds; also sent as a header, and part of the signed body so it cannot be replayed with another. */
  timestamp: number;
  /** The console's public base URL, to make `link` absolute; without it the path is shown as text. */
  publicBaseUrl?: string | null;
}

/**
 * The JSON body: a markdown message both group robots accept — WeCom reads `markdown.content`,
 * DingTalk reads `markdown.title` + `markdown.text` — plus a `jiangxin` block for receivers of our own.
 */
export function buildWebhookMessage(input: WebhookMessageInput) {
  const base = input.publicBaseUrl?.replace(/\/+$/, '') ?? null;
  const absolute = base ? `${base}${input.link}` : null;
  const lines = [`### ${escapeMarkdown(input.title)}`, escapeMarkdown(input.body), absolute ? `[查看详情](${absolute})` : `在匠心系统中查看：${input.link}`];
  const content = lines.join('\n\n');
  return {
    msgtype: 'markdown' as const,
    markdown: { title: input.title, content, text: content },
    jiangxin: { eventId: input.eventId, eventType: input.eventType, orgId: input.orgId, timestamp: input.timestamp, title: input.title, body: input.body, link: absolute ?? input.link },
  };
}

/** Header names of a delivery. */
export const SIGNATURE_HEADER = 'X-Jiangxin-Signature';
export const TIMESTAMP_HEADER = 'X-Jiangxin-Timestamp';
export const EVENT_HEADER = 'X-Jiangxin-Event';
export const DELIVERY_HEADER = 'X-Jiangxin-Delivery';

/**
 * How a robot's JSON answer reports failure while the HTTP status is 200 (WeCom and DingTalk answer
 * `{ errcode, errmsg }`): a message when it failed, null when it did not or the body is not theirs.
 */
export function robotError(responseBody: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseBody);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { errcode, errmsg } = parsed as { errcode?: unknown; errmsg?: unknown };
  if (typeof errcode === 'number' && errcode !== 0) return `robot errcode ${errcode}: ${typeof errmsg === 'string' ? errmsg : ''}`.trim();
  return null;
}
