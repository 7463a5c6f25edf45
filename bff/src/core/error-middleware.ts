import type { Middleware } from 'koa';
import type { ErrorResponse } from '@govpass/shared-types';
import { AppError, isAppError } from './app-error';
import type { Logger } from './create-logger';
import { exchangeOf } from './koa-pipeline';
import type { Exchange } from './pipeline';
import { STORE_RETRY_AFTER_SECONDS, storeFault } from './store-faults';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Errors thrown by Koa, the body parser and the router carry an HTTP status; give them our codes. */
function fromHttpError(err: HttpLikeError): AppError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  if (status === 413 || err.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
  if (status === 415) return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported request encoding or charset');
  if (status === 400) return new AppError(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
  if (status === 405) return new AppError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
  if (status === 404) return new AppError(404, 'NOT_FOUND', 'Not found');
  if (status === 401) return new AppError(401, 'UNAUTHENTICATED', 'Authentication required');
  if (status === 403) return new AppError(403, 'FORBIDDEN', 'Forbidden');
  return new AppError(status, 'VALIDATION_FAILED', 'Bad request');
}

/**
 * Any thrown value as the AppError it is answered with: a store that is down is a 503 (whichever
 * route met it), unknown errors a 500 that says nothing.
 */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return fromHttpError(err as HttpLikeError) ?? storeFault(err) ?? new AppError(500, 'INTERNAL', 'Internal server error', { expose: false, cause: err });
}

/** The error's own headers; every 503 also tells the client when to come back. */
export function errorHeaders(appErr: AppError): Record<string, string> | undefined {
  if (appErr.status !== 503 || Object.keys(appErr.headers ?? {}).some((h) => h.toLowerCase() === 'retry-after')) return appErr.headers;
  return { ...appErr.headers, 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) };
}

/** The one error shape: `{"error": {code, message, details, requestId}}`; 5xx say nothing more. */
export function errorBody(appErr: AppError, requestId: string): ErrorResponse {
  return {
    error: {
      code: appErr.code,
      message: appErr.expose ? appErr.message : appErr.status === 503 ? 'Service temporarily unavailable, please retry shortly' : 'Internal server error',
      ...(appErr.expose && appErr.details !== undefined ? { details: appErr.details } : {}),
      requestId,
    },
  };
}

/**
 * The one place an error becomes an answer: `{"error": {code, message, details, requestId}}`, the
 * error's headers, 5xx logged. The pipeline's errors step (both runners) and errorMiddleware use it.
 */
export function answerError(x: Exchange, err: unknown, logger: Logger): void {
  const appErr = toAppError(err);
  if (appErr.status >= 500) logger.error({ err: appErr.cause ?? appErr, requestId: x.requestId, route: x.route }, 'request failed');
  const headers = errorHeaders(appErr);
  if (headers) for (const name of Object.keys(headers)) x.setHeader(name, headers[name]);
  x.answer(appErr.status, errorBody(appErr, x.requestId));
}

/** answerError as Koa middleware, for Koa apps without the app's pipeline (the bench's MySQL-only server, tests). */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(404, 'NOT_FOUND', 'Not found');
    } catch (err) {
      answerError(exchangeOf(ctx), err, logger);
    }
  };
}
