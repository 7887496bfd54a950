import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the caller's `X-Request-Id` when it is sane, else a new UUID. */
    id: string;
    /** A logger that names the request id (made on first use). */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Request ids on every request and response, and one structured log line per request when it ends:
 * errors always, client errors at info, the rest only at debug — so the hot path builds no child
 * logger and serialises nothing unless something will be written.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    let child: Logger | null = null;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log[level]({ method: req.method, url: req.originalUrl, status, ms: Math.round(ms * 10) / 10 }, 'request completed');
    });
    next();
  };
}
