import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

// A caller-supplied id is kept (it ties mini-program logs to ours) only if it is short and plain.
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestId(): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const id = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    await next();
  };
}
