import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AppError } from './app-error';
import type { Logger } from './create-logger';
import { errorBody, errorHeaders, toAppError } from './error-middleware';
import type { HttpMetrics } from './http-metrics';
import { isPlainJsonRequest, parseStrictJson, preReadBody, readRawBody } from './json-body';
import { requestIdFrom } from './request-id';

/** What a fast route sees of a request: its parsed JSON body and headers, nothing of Koa. */
export interface FastRequest {
  body: unknown;
  /** A request header by lower-case name; '' when absent (as Koa's ctx.get). */
  header(name: string): string;
  /** The client address as Koa's ctx.ip gives it (X-Forwarded-For only behind a trusted proxy). */
  ip: string;
}

export type FastAnswer =
  | { status: number; body: unknown }
  /** A refusal. `quiet`: answered from in-process state, counted in the metrics but not access-logged. */
  | { error: AppError; quiet?: boolean };

/** A route whose common cases are answered before Koa; everything else it leaves to the full stack. */
export interface FastRoute {
  method: string;
  /** Exact path (a query string sends the request the full way); also the route label in metrics and logs. */
  path: string;
  /**
   * Decides synchronously: null to let the full stack answer (also whenever the request would
   * fail validation: those answers stay the route's), else the answer or its promise. A rejected
   * promise is answered as the error middleware answers a thrown error.
   */
  answer(req: FastRequest): FastAnswer | Promise<FastAnswer> | null;
}

export interface FastLaneDeps {
  limitBytes: number;
  /** What every API response carries (security headers). */
  headers: readonly [string, string][];
  record: HttpMetrics['record'];
  logger: Logger;
  /** Koa's `proxy` setting: whether X-Forwarded-For names the client. */
  trustProxy: boolean;
}

/**
 * At opening time the booking endpoint takes a hundred thousand requests a second, nearly all of
 * one shape: a mini-program (no Origin, so no CORS), a small JSON body, a verified citizen's
 * token. Koa, its middleware stack and a dozen routers cost such a request more than the
 * booking's own work (a CPU profile put Koa, compose, delegates and the routers at a third of a
 * booking), so the fast lane answers those requests in front of Koa: body read with the same
 * rules, the route's own zod validation and service call, and the same status, error body, API
 * security headers, `Vary`, `X-Request-Id`, metrics and access-log line as the full stack.
 * Anything unusual (an Origin, another content type, a query string, a body the route would
 * refuse, a stale cache) goes to Koa with the body already read.
 */
export function fastLane(routes: readonly FastRoute[], deps: FastLaneDeps, full: RequestListener): RequestListener {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  // Vary: Origin as the CORS middleware sets it on every answer (requests with an Origin never get here).
  const fixed: Record<string, string> = { ...Object.fromEntries(deps.headers), 'Content-Type': 'application/json; charset=utf-8', Vary: 'Origin' };

  const write = (res: ServerResponse, status: number, body: unknown, requestId: string, extra?: Record<string, string>) => {
    const text = JSON.stringify(body);
    // One writeHead with every header, instead of a validated setHeader per header.
    res.writeHead(status, { ...fixed, ...extra, 'Content-Length': Buffer.byteLength(text), 'X-Request-Id': requestId });
    res.end(text);
  };

  const finish = (req: IncomingMessage, res: ServerResponse, route: FastRoute, answer: FastAnswer, requestId: string, start: bigint) => {
    let status: number;
    let quiet = false;
    if ('error' in answer) {
      status = answer.error.status;
      quiet = answer.quiet === true;
      if (status >= 500) deps.logger.error({ err: answer.error.cause ?? answer.error, requestId, route: route.path }, 'request failed');
      write(res, status, errorBody(answer.error, requestId), requestId, errorHeaders(answer.error));
    } else {
      status = answer.status;
      write(res, status, answer.body, requestId);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    deps.record(route.method, route.path, status, seconds);
    // `fast` tells operators (and tests) which lane answered; otherwise the line is the access log's.
    if (!quiet) deps.logger.info({ requestId, method: req.method, route: route.path, status, ms: Math.round(seconds * 1000), fast: true }, 'request');
  };

  const serve = (req: IncomingMessage, res: ServerResponse, route: FastRoute, start: bigint) => (text: string) => {
    let body: unknown;
    try {
      body = parseStrictJson(text);
    } catch (err) {
      preReadBody(req, { error: err });
      return full(req, res);
    }
    const headers = req.headers;
    const fastReq: FastRequest = { body, header: (name) => headerOf(headers, name), ip: clientIp(req, deps.trustProxy) };
    let answer: FastAnswer | Promise<FastAnswer> | null;
    try {
      answer = route.answer(fastReq);
    } catch (err) {
      answer = { error: toAppError(err) };
    }
    if (answer === null) {
      preReadBody(req, { body });
      return full(req, res);
    }
    const requestId = requestIdFrom(headers['x-request-id']);
    if (!(answer instanceof Promise)) return finish(req, res, route, answer, requestId, start);
    // Returned, so that a failure while writing reaches the lane's last catch.
    return answer.then(
      (a) => finish(req, res, route, a, requestId, start),
      (err: unknown) => finish(req, res, route, { error: toAppError(err) }, requestId, start),
    );
  };

  return (req, res) => {
    const route = byKey.get(`${req.method} ${req.url}`);
    if (route === undefined || req.headers.origin !== undefined || !isPlainJsonRequest(req)) return full(req, res);
    const start = process.hrtime.bigint();
    readRawBody(req, deps.limitBytes)
      .then(serve(req, res, route, start), (err: unknown) => {
        preReadBody(req, { error: err });
        return full(req, res);
      })
      .catch((err: unknown) => {
        // Only a bug gets here (answers are caught above); the socket must not hang on it.
        deps.logger.error({ err, route: route.path }, 'fast lane failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };
}

function headerOf(headers: IncomingMessage['headers'], name: string): string {
  const value = headers[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Koa's ctx.ip: the first X-Forwarded-For entry behind a trusted proxy, else the socket's peer. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? headerOf(req.headers, 'x-forwarded-for') : '';
  const first = forwarded ? forwarded.split(',', 1)[0].trim() : '';
  return first || req.socket.remoteAddress || '';
}
