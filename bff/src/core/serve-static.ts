import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';
import { AppError } from './app-error';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built H5 app for GET/HEAD outside /api. Paths are resolved inside `root` only;
 * hashed assets are cached for a year, index.html never (so a deploy is picked up at once).
 */
export function serveStatic(root: string): Middleware {
  const base = resolve(root);
  // Promise<unknown>: whatever next() resolves to is passed on untouched (Koa's Next is Promise<any>).
  return async (ctx, next): Promise<unknown> => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    const rel = ctx.path === '/' ? 'index.html' : decodedPath(ctx.path).slice(1);
    const file = resolve(join(base, normalize(rel)));
    if (file !== base && !file.startsWith(base + sep)) return next();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return next();
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.length = info.size;
    ctx.set('Cache-Control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    if (ctx.method === 'HEAD') ctx.status = 200;
    else ctx.body = createReadStream(file);
  };
}

/**
 * The path with its percent-escapes decoded. A damaged or mistyped link (`/%ff`, `/%E4%B8`) is the
 * caller's mistake: 400, never the 500 an unguarded decodeURIComponent throws. A NUL byte names no file.
 */
function decodedPath(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new AppError(400, 'VALIDATION_FAILED', 'Malformed percent-encoding in the URL path');
  }
  if (decoded.includes('\0')) throw new AppError(400, 'VALIDATION_FAILED', 'Malformed URL path');
  return decoded;
}
