import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino); English messages, fields for the rest. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'jiangxin' }, redact: { paths: ['req.headers.authorization', '*.password', '*.passwordHash'], censor: '[redacted]' } });
}
