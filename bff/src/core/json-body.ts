import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Context, Middleware, Next } from 'koa';
import getRawBody from 'raw-body';
import { AppError } from './app-error';

export interface JsonBodyOptions {
  limitBytes: number;
  /** Whatever this reader leaves alone (other content types, compressed bodies): @koa/bodyparser. */
  fallback: Middleware;
  /**
   * Paths whose body this reader leaves unread: their routes read it themselves, after their role
   * guard, with a reader of their own limit (official uploads) — so nobody unauthorised gets
   * megabytes read.
   */
  deferredPaths?: readonly string[];
}

const PARSED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/**
 * Nesting a body may have. Our deepest contract nests 3 levels; a 32 KB body can nest 16,000,
 * and every recursive walker after the parser (this file's own check, zod, a logger) would
 * overflow the stack on it. Refused here, before anything else looks at the value.
 */
export const MAX_JSON_DEPTH = 32;
/** What the fallback (co-body via inflation) can decode; anything else is a 415 before reading. */
const DECODABLE = new Set(['gzip', 'deflate', 'br']);
const noop = async (): Promise<void> => {};
/** `application/json` with or without parameters, any case; other JSON types go to the fallback. */
const PLAIN_JSON = /^application\/json\s*(?:;|$)/i;
/** As co-body's strict mode: a body is an object or an array (RFC 7159 whitespace first). */
// eslint-disable-next-line no-control-regex -- finding the control characters JSON counts as whitespace is the point
const STRICT = /^[\x20\x09\x0a\x0d]*[[{]/;

function httpError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * The request body of `application/json` POST/PUT/PATCH, read and parsed with the same rules as
 * @koa/bodyparser + co-body: read by the same raw-body (limit → 413 `entity.too.large`, wrong
 * length → 400), strict object/array, UTF-8 with or without BOM, `__proto__` keys refused — plus
 * what co-body does not do: refuse bytes that are not UTF-8, and nesting deeper than
 * MAX_JSON_DEPTH. Anything else (compressed bodies, other JSON types) goes to the fallback
 * (@koa/bodyparser) unchanged; the fast lane reads with the same readRawBody and parseStrictJson.
 */
export function jsonBody(opts: JsonBodyOptions): (ctx: Context, next: Next) => Promise<unknown> {
  // Promise<unknown>: whatever next() resolves to is passed on untouched (Koa's Next is Promise<any>).
  return async (ctx, next): Promise<unknown> => {
    if (ctx.request.body !== undefined || !PARSED_METHODS.has(ctx.method)) return next();
    if (opts.deferredPaths?.includes(ctx.path)) return next();
    const pre = takePreRead(ctx.req);
    if (pre !== undefined) {
      if ('error' in pre) throw pre.error;
      ctx.request.body = pre.body;
      return next();
    }
    if (!isPlainJsonRequest(ctx.req)) {
      refuseUnreadableBody(ctx.req);
      await viaFallback(ctx, opts.fallback);
      return next();
    }
    ctx.request.body = parseStrictJson(await readRawBody(ctx.req, opts.limitBytes));
    return next();
  };
}

/**
 * The fallback parses (other JSON types, compressed bodies) with the same answers as ours: an
 * encoding it cannot decode is a 415, a body that is not what its encoding says (zlib's errors
 * carry no HTTP status) a 400, and what it parsed passes the same depth and `__proto__` check.
 * It is given a no-op `next`, so that only its own failures are caught here.
 */
async function viaFallback(ctx: Context, fallback: Middleware): Promise<void> {
  const encoding = ctx.req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity' && !DECODABLE.has(encoding)) throw unsupportedEncoding(encoding);
  try {
    await fallback(ctx, noop);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (encoding === undefined || encoding === 'identity' || typeof status === 'number') throw err;
    throw new AppError(400, 'MALFORMED_BODY', `Request body is not valid ${encoding} data`);
  }
  checkParsed(ctx.request.body);
}

/** Any JSON media type (application/json, application/vnd.api+json …). */
const ANY_JSON = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * A body the API would not read must not be silently dropped: a route whose fields are all optional
 * would then act on `{}`, answering success for a request it never understood. Bodies are JSON in
 * UTF-8; anything else is a 415 before it is read.
 */
function refuseUnreadableBody(req: IncomingMessage): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = req.headers['content-type'] ?? '';
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (!ANY_JSON.test(type) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON in UTF-8 (Content-Type: application/json)');
  }
}

function unsupportedEncoding(encoding: string): AppError {
  return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding.slice(0, 32)}" is not supported (use gzip, deflate, br or none)`);
}

/** A body some earlier reader (the fast lane) took off the stream: the parsed value, or why it failed. */
export type PreReadBody = { body: unknown } | { error: unknown };

const PRE_READ = Symbol('govpass.preReadBody');
type WithPreRead = IncomingMessage & { [PRE_READ]?: PreReadBody };

/** Hands a body already read from `req` to the app's body parser (the stream cannot be read twice). */
export function preReadBody(req: IncomingMessage, result: PreReadBody): void {
  (req as WithPreRead)[PRE_READ] = result;
}

function takePreRead(req: IncomingMessage): PreReadBody | undefined {
  return (req as WithPreRead)[PRE_READ];
}

/** Whether this reader parses the body itself (`application/json`, not compressed) or leaves it to the fallback. */
export function isPlainJsonRequest(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return (encoding === undefined || encoding === 'identity') && PLAIN_JSON.test(req.headers['content-type'] ?? '');
}

/**
 * The raw UTF-8 text of a body, read by raw-body (what co-body and so @koa/bodyparser read with):
 * its limit (413 `entity.too.large`, also at once from Content-Length), length (400
 * `request.size.invalid`) and abort (400 `request.aborted`) rules. Read as bytes, not with raw-body's
 * decoder: JSON is UTF-8 (RFC 8259), and other bytes would be decoded to U+FFFD and stored as
 * something the client never sent. isUtf8 is a SIMD check, far below a microsecond for a booking body.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = req.headers['content-length'];
  const body = await getRawBody(req, { limit, length: declared === undefined ? undefined : Number(declared) });
  if (!isUtf8(body)) throw httpError(400, 'entity.parse.failed', 'request body is not valid UTF-8');
  return body.toString('utf8');
}

/** co-body's strict JSON: '' → {}, objects and arrays only, `__proto__` keys refused (as bourne does). */
export function parseStrictJson(text: string): unknown {
  const str = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (str === '') return {};
  if (!STRICT.test(str)) throw httpError(400, 'entity.parse.failed', 'invalid JSON, only supports object and array');
  let parsed: unknown;
  try {
    parsed = JSON.parse(str);
  } catch (err) {
    throw httpError(400, 'entity.parse.failed', (err as Error).message);
  }
  checkParsed(parsed);
  return parsed;
}

/**
 * After parsing (V8's JSON.parse does not recurse, so any depth parses), so escaped spellings
 * ("\u005f_proto__") are caught too. The walk stops at MAX_JSON_DEPTH + 1: it never recurses deeper.
 */
function checkParsed(value: unknown): void {
  const problem = problemOf(value, 1);
  if (problem === 'proto') throw httpError(400, 'entity.parse.failed', 'Object contains forbidden prototype property');
  if (problem === 'deep') {
    throw new AppError(400, 'VALIDATION_FAILED', `Request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      details: [{ path: '', message: `请求内容嵌套不能超过${MAX_JSON_DEPTH}层` }],
    });
  }
}

function problemOf(value: unknown, depth: number): 'proto' | 'deep' | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH) return 'deep';
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, '__proto__')) return 'proto';
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const problem = problemOf(child, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}
