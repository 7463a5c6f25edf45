import { basename } from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import { AppError } from './app-error';

/**
 * Serves the built H5 app for GET/HEAD outside /api with koa-send (which keeps paths inside
 * `root` and leaves dotfiles alone). Hashed assets are cached for a year, index.html never (so a deploy
 * is picked up at once). A path with no file falls through to the next middleware.
 */
export function serveStatic(root: string): Middleware {
  // Promise<unknown>: whatever next() resolves to is passed on untouched (Koa's Next is Promise<any>).
  return async (ctx, next): Promise<unknown> => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    checkPath(ctx.path);
    let served: string | undefined;
    try {
      served = await send(ctx, ctx.path, { root, index: 'index.html', setHeaders: cacheHeaders });
    } catch (err) {
      // 404: no such file; 403: a path that climbs out of root. Neither is a file of ours to serve.
      const status = (err as { status?: unknown }).status;
      if (status === 404 || status === 403) return next();
      throw err;
    }
    // koa-send answers nothing (and throws nothing) for a dotfile.
    if (!served) return next();
  };
}

function cacheHeaders(res: { setHeader(name: string, value: string): void }, path: string): void {
  res.setHeader('Cache-Control', basename(path) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
}

/**
 * A damaged or mistyped link (`/%ff`, `/%E4%B8`) is the caller's mistake: 400 in the one error
 * shape (koa-send would throw a bare 400 of its own). A NUL byte names no file.
 */
function checkPath(path: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new AppError(400, 'VALIDATION_FAILED', 'Malformed percent-encoding in the URL path');
  }
  if (decoded.includes('\0')) throw new AppError(400, 'VALIDATION_FAILED', 'Malformed URL path');
}
