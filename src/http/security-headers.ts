import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Headers that only mean something on a document a browser renders as a page (process isolation, DNS
 * prefetching, IE's download prompt, the retired XSS auditor). A JSON answer gains nothing from them.
 */
const DOCUMENT_ONLY = new Set(['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-xss-protection']);

/** Whether `path` is the API's (`/api` or under it), compared as Express compares paths: case-insensitively. */
export const isApiPath = (path: string): boolean => path.length >= 4 && path.slice(0, 4).toLowerCase() === '/api' && (path.length === 4 || path[4] === '/');

/** The headers a helmet middleware sets on a response, recorded once. */
function headersOf(middleware: RequestHandler): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  middleware({} as never, recorder as never, () => undefined);
  return headers;
}

/**
 * Security headers. Pages (the console, the docs) get helmet's full set. API answers get the same
 * values, computed once at start-up, minus the document-only headers, and set without running
 * helmet's twelve middlewares per request (a few per cent of a small JSON answer's CPU in a
 * profile). The API keeps helmet's CSP, nosniff, frame, referrer, CORP and HSTS headers unchanged,
 * so the printable report served under /api renders under the same policy as before.
 */
export function securityHeaders(options: Parameters<typeof helmet>[0]): RequestHandler {
  const full = helmet(options);
  const api = headersOf(full).filter(([name]) => !DOCUMENT_ONLY.has(name.toLowerCase()));
  return (req, res, next) => {
    if (!isApiPath(req.path)) return full(req, res, next);
    for (const [name, value] of api) res.setHeader(name, value);
    next();
  };
}
