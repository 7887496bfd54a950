import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the caller's `X-Request-Id` when it is sane, else a new UUID. */
    id: string;
    /** The engine's logger; log lines about a request carry `reqId` themselves. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Request ids on every request and response. Failures are logged where they are handled (the error
 * and 404 handlers, with the request id); a line per request is written only at debug level, so the
 * hot path builds nothing for logs nobody reads.
 */
export function requestLog(logger: Logger): RequestHandler {
  const perRequest = logger.isLevelEnabled('debug');
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    req.log = logger;
    res.setHeader('X-Request-Id', id);
    if (perRequest) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
        logger.debug({ reqId: id, method: req.method, url: req.originalUrl, status: res.statusCode, ms }, 'request completed');
      });
    }
    next();
  };
}
