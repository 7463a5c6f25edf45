import type { ErrorCode } from '@govpass/shared-types';

export interface AppErrorOptions {
  details?: unknown;
  /** Whether the message may be shown to the client; 5xx default to false. */
  expose?: boolean;
  cause?: unknown;
  headers?: Record<string, string>;
}

/** The one error type the BFF throws on purpose; the error middleware turns it into the JSON body. */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    // A 4xx is an answer, not a fault: nobody reads its stack, and capturing one is the costliest
    // part of refusing (SOLD_OUT at surge time). 5xx keep theirs for the log.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(message, { cause: opts.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.expose = opts.expose ?? status < 500;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
