import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ServeStaticOptions } from 'serve-static';

export type Encoding = 'br' | 'gzip';

/** File suffix the build writes for each encoding (src/web/build/precompress-plugin.ts). */
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
/** The build compresses only these; anything else is served as it is and needs no Vary. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico)$/;

/**
 * The encoding to send for an Accept-Encoding header, among those `available`: brotli before gzip
 * (smaller for the same file), each only when the client lists it (or `*`) with a q-value above 0.
 * Null means send the file as it is.
 */
export function pickEncoding(header: string | undefined, available: (encoding: Encoding) => boolean): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (e: Encoding) => (q.get(e) ?? (e === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0) > 0;
  const order: Encoding[] = (q.get('gzip') ?? 0) > (q.get('br') ?? q.get('*') ?? 0) ? ['gzip', 'br'] : ['br', 'gzip'];
  return order.find((e) => accepts(e) && available(e)) ?? null;
}

/** The file under `root` for a URL path, or null when the path would leave `root`. */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * express.static that answers with the build's `.br` / `.gz` copy of a file when the client accepts it
 * (Content-Encoding, the original Content-Type, `Vary: Accept-Encoding`), and with the file itself
 * otherwise. Caching options apply to every variant, so hashed assets stay immutable.
 */
export function precompressedStatic(root: string, options: ServeStaticOptions<Response>): RequestHandler {
  const serve = express.static(root, options);
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !COMPRESSIBLE.test(req.path)) return serve(req, res, next);
    res.vary('Accept-Encoding');
    const file = fileUnder(root, req.path);
    const encoding = file ? pickEncoding(req.headers['accept-encoding'], (e) => existsSync(file + SUFFIX[e])) : null;
    if (!encoding) return serve(req, res, next);
    const originalUrl = req.url;
    const [path, query] = originalUrl.split('?', 2) as [string, string | undefined];
    res.type(extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    req.url = `${path}${SUFFIX[encoding]}${query === undefined ? '' : `?${query}`}`;
    serve(req, res, (err?: unknown) => {
      // Not served after all (removed between the check and the read): undo, so the next handler starts clean.
      req.url = originalUrl;
      if (!res.headersSent) {
        res.removeHeader('Content-Encoding');
        res.removeHeader('Content-Type');
      }
      next(err);
    });
  };
}

/** res.sendFile for one HTML page, choosing its precompressed copy by Accept-Encoding like precompressedStatic. */
export function sendPrecompressed(req: Request, res: Response, file: string): void {
  res.vary('Accept-Encoding');
  const encoding = pickEncoding(req.headers['accept-encoding'], (e) => existsSync(file + SUFFIX[e]));
  if (!encoding) return res.sendFile(file);
  res.type(extname(file));
  res.setHeader('Content-Encoding', encoding);
  res.sendFile(file + SUFFIX[encoding]);
}
