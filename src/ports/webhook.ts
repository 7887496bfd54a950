/**
 * Webhook transport port: resolve a host and POST to it on addresses the caller has already checked,
 * so that the address judged safe is the one connected to (no second DNS answer, no rebinding).
 * Adapter: node-http (node:dns + node:http/https).
 */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface WebhookPost {
  url: string;
  /** Where to connect (from `resolve`); the URL's host still names the server for TLS and `Host`. */
  addresses: ResolvedAddress[];
  headers: Record<string, string>;
  /** The raw body, exactly as signed. */
  body: string;
  /** Abort the whole exchange after this long. */
  timeoutMs: number;
}

export interface WebhookAnswer {
  status: number;
  /** At most the first few kilobytes of the answer body. */
  body: string;
}

export interface WebhookTransport {
  /** Every address the host resolves to now (an IP literal resolves to itself); rejects when it does not resolve. */
  resolve(hostname: string): Promise<ResolvedAddress[]>;
  /** POSTs once; resolves with any HTTP answer (2xx or not), rejects on network failure or timeout. */
  post(request: WebhookPost): Promise<WebhookAnswer>;
}
