import type { Context, Middleware } from 'koa';
import type { AppError } from './app-error';
import { errorBody } from './error-middleware';
import type { HttpMetrics } from './http-metrics';
import { requestIdOf } from './request-id';

/** A route whose commonest refusal can be decided from its parsed body and in-process state alone. */
export interface EarlyRefusalRoute {
  method: string;
  /** Exact path; also the route label in metrics. */
  path: string;
  /**
   * Synchronous and cheap. The refusal the full route would give this request, or null to let the
   * route answer (also whenever the request would fail validation: those answers stay the route's).
   */
  refuse(ctx: Context): AppError | null;
}

export interface EarlyRefusals {
  /** First in the stack: on a listed route, parses the body and answers a refusal at once. */
  front: Middleware;
  /** Where the body parser sits: rethrows a body error the front met, for the error middleware to shape. */
  bodyErrors: Middleware;
}

export interface EarlyRefusalDeps {
  /** The app's own body parser (it skips a body already parsed). */
  parseBody: Middleware;
  /** What every response carries (security headers). */
  headers: readonly [string, string][];
  record: HttpMetrics['record'];
}

const noop = async () => undefined;

/**
 * At opening time most booking requests are refused for the same public reason (sold out, round
 * not open), and answering those through the whole stack (request id, access log, metrics, error
 * middleware, security headers, CORS, a dozen routers, zod) costs three times the HTTP work
 * itself. The front answers them before all that, with the same status, headers and error body,
 * and counts them in the request metrics. What it gives up, on purpose: no access-log line per
 * refusal (at 100k refusals a second that log is noise; the metrics carry the counts). Requests
 * with an Origin header (cross-origin H5) go the full way, for CORS.
 */
export function earlyRefusals(routes: readonly EarlyRefusalRoute[], deps: EarlyRefusalDeps): EarlyRefusals {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  // Vary: Origin as the CORS middleware sets it on every answer (requests with an Origin never get here).
  const fixedHeaders: Record<string, string> = { ...Object.fromEntries(deps.headers), 'Content-Type': 'application/json; charset=utf-8', Vary: 'Origin' };
  const front: Middleware = async (ctx, next) => {
    const route = byKey.get(`${ctx.method} ${ctx.path}`);
    if (route === undefined || ctx.get('origin') !== '') return next();
    const start = process.hrtime.bigint();
    try {
      await deps.parseBody(ctx, noop);
    } catch (err) {
      ctx.state.earlyBodyError = err;
      return next();
    }
    const refusal = route.refuse(ctx);
    if (refusal === null) return next();
    const requestId = requestIdOf(ctx);
    const body = JSON.stringify(errorBody(refusal, requestId));
    // Written straight to Node's response (Koa steps aside): one writeHead with every header,
    // instead of a validated setHeader per header and Koa's body-type sniffing.
    ctx.respond = false;
    ctx.res.writeHead(refusal.status, {
      ...fixedHeaders,
      ...refusal.headers,
      'Content-Length': Buffer.byteLength(body),
      'X-Request-Id': requestId,
    });
    ctx.res.end(body);
    deps.record(ctx.method, route.path, refusal.status, Number(process.hrtime.bigint() - start) / 1e9);
  };
  const bodyErrors: Middleware = (ctx, next) => {
    if (ctx.state.earlyBodyError !== undefined) throw ctx.state.earlyBodyError;
    return next();
  };
  return { front, bodyErrors };
}
