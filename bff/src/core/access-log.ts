import type { Middleware } from 'koa';
import type { Logger } from './create-logger';
import { routeOf } from './route-of';

/** One line per request: method, route pattern, status, ms. No bodies, no query strings, no headers. */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const start = Date.now();
    try {
      await next();
    } finally {
      logger.info(
        { requestId: ctx.state.requestId, method: ctx.method, route: routeOf(ctx), status: ctx.status, ms: Date.now() - start },
        'request',
      );
    }
  };
}
