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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'govpass-bff' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
