import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { exchangeOf } from './koa-pipeline';
import type { Exchange } from './pipeline';

// A caller-supplied id is kept (it ties mini-program logs to ours) only if it is short and plain.
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The caller's id when it is safe to echo, else a new one; stored in ctx.state.requestId. */
export function requestIdOf(ctx: Context): string {
  const id = requestIdFrom(ctx.get('x-request-id'));
  ctx.state.requestId = id;
  return id;
}

/** The caller's X-Request-Id when it is safe to echo, else a new one. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/** The request's id (the caller's when safe, else a new one), in the answer's X-Request-Id too. */
export function assignRequestId(x: Exchange): void {
  x.requestId = requestIdFrom(x.header('x-request-id'));
  x.setHeader('X-Request-Id', x.requestId);
}

/** assignRequestId as Koa middleware, for Koa apps without the app's pipeline (tests). */
export function requestId(): Middleware {
  return (ctx, next) => {
    assignRequestId(exchangeOf(ctx));
    return next();
  };
}
