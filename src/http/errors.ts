import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { statusOfKind as STATUS } from '../domain/api/error-catalogue.js';

/** Body-parser failures carry a `type`; each becomes a 4xx with a stable code. */
function fromBodyParser(error: { type?: string; status?: number }): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError({ kind: 'invalid', code: 'INVALID_JSON', message: '请求体不是合法的 JSON' });
    case 'entity.too.large':
      return new AppError({ kind: 'too_large', code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError({ kind: 'invalid', code: 'UNSUPPORTED_ENCODING', message: '不支持的请求编码' });
    default:
      return error.status && error.status >= 400 && error.status < 500 ? new AppError({ kind: 'invalid', code: 'BAD_REQUEST', message: '请求格式不正确' }) : null;
  }
}

/** The one error handler: AppError → its status and `{ error: { code, message, details? } }`; anything else is a logged 500. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = error instanceof AppError ? error : fromBodyParser(error as { type?: string; status?: number });
  if (known) {
    const status = STATUS[known.kind];
    if (known.kind === 'unavailable') req.log?.warn({ reqId: req.id, err: error, code: known.code }, 'dependency unavailable');
    else req.log?.info({ reqId: req.id, method: req.method, url: req.originalUrl, status, code: known.code }, 'request refused');
    if (known.retryAfterSeconds !== undefined) res.set('Retry-After', String(Math.max(1, Math.ceil(known.retryAfterSeconds))));
    res.status(status).json({ error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) } });
    return;
  }
  req.log?.error({ reqId: req.id, method: req.method, url: req.originalUrl, err: error }, 'unhandled error');
  res.status(500).json({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: { requestId: req.id } } });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND', message: `没有这个接口：${req.method} ${req.path}` } });
};
