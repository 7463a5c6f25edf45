import type { Context } from 'koa';

/** The matched route pattern (`/api/v1/x/:id`) for labels and logs; raw URLs would leak ids. */
export function routeOf(ctx: Context): string {
  const matched = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
  if (matched) return String(matched);
  return ctx.path.startsWith('/api/') ? 'unmatched' : 'static';
}
