import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress, WebhookAnswer, WebhookPost, WebhookTransport } from '../../ports/webhook.js';

const MAX_ANSWER_BYTES = 16 * 1024;

/** Hands the socket exactly the addresses that were checked, whatever DNS would answer now. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error('no checked address to connect to'), { code: 'ENOTFOUND' }));
    if (options?.all) return callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    return callback(null, first.address, first.family);
  }) as unknown as LookupFunction;
}

/** Webhooks over node:http(s), connecting only to pre-resolved addresses, with a hard timeout. */
export class NodeHttpWebhook implements WebhookTransport {
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }

  post(request: WebhookPost): Promise<WebhookAnswer> {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    return new Promise<WebhookAnswer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body).toString() },
          lookup: pinnedLookup(request.addresses),
          signal: controller.signal,
          // Redirects are not followed (node:http never does): a 3xx is an answer, judged by the caller.
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES) }));
          res.on('error', reject);
        },
      );
      req.on('error', (error) => reject(controller.signal.aborted ? (controller.signal.reason as Error) : error));
      req.end(request.body);
    }).finally(() => clearTimeout(timer));
  }
}
