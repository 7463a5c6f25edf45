import pino, { type Logger } from 'pino';

/**
 * Paths that must never reach a log line: tokens, login codes, ID numbers, names, keys.
 * Request bodies are never logged whole; this list is the second line of defence.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.idNumber',
  '*.name',
  '*.token',
  '*.code',
  '*.sessionKey',
  '*.secret',
  '*.privateKey',
  'idNumber',
  'token',
  'sessionKey',
];

/**
 * `destination` (tests capture lines) wins; else stdout, written off the event loop unless `sync`
 * (see config log.sync). pino flushes an asynchronous stdout on exit, a thrown error included.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, opts: { sync?: boolean } = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'govpass-bff' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: opts.sync ?? true }),
  );
}

export type { Logger };
