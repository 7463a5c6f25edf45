import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from './create-logger';
import { parseStrictJson, readRawBody } from './json-body';
import { enterAll, failWith, leaveAll, runSteps, type Exchange, type PipelineStep, type RouteDefinition } from './pipeline';

export interface FastLaneDeps {
  /** The app's request pipeline (core/request-pipeline): the same steps Koa runs. */
  pipeline: readonly PipelineStep[];
  limitBytes: number;
  logger: Logger;
  /** Koa's `proxy` setting: whether X-Forwarded-For names the client. */
  trustProxy: boolean;
}

const EMPTY_QUERY: Exchange['query'] = Object.freeze({});
const EMPTY_PARAMS: Exchange['params'] = Object.freeze({});

/** A lane route with `:name` segments, matched segment by segment (its parameters decoded as Koa's router does). */
interface PatternRoute {
  route: RouteDefinition;
  /** Fixed segments as they are, null for a parameter. */
  segments: (string | null)[];
  names: string[];
}

function patternOf(route: RouteDefinition): PatternRoute {
  const parts = route.path.split('/');
  return { route, segments: parts.map((p) => (p.startsWith(':') ? null : p)), names: parts.filter((p) => p.startsWith(':')).map((p) => p.slice(1)) };
}

/** The route and its parameters, or null (a query string, another shape, an undecodable parameter). */
function matchPattern(patterns: readonly PatternRoute[], method: string, url: string): { route: RouteDefinition; params: Record<string, string> } | null {
  if (url.includes('?')) return null;
  const parts = url.split('/');
  for (const p of patterns) {
    if (p.route.method !== method || p.segments.length !== parts.length) continue;
    const values: string[] = [];
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const fixed = p.segments[i];
      if (fixed === null) {
        if (parts[i] === '') ok = false;
        else values.push(parts[i]);
      } else ok = fixed === parts[i];
    }
    if (!ok) continue;
    const params: Record<string, string> = {};
    try {
      p.names.forEach((name, i) => (params[name] = decodeURIComponent(values[i])));
    } catch {
      return null; // Koa answers what it makes of it
    }
    return { route: p.route, params };
  }
  return null;
}

/** The Exchange of a request the lane runs: plain fields, headers collected for one writeHead. */
class LaneExchange implements Exchange {
  readonly fast = true;
  readonly start = process.hrtime.bigint();
  readonly query = EMPTY_QUERY;
  readonly state: Record<string, unknown> = {};
  readonly headers: Record<string, string> = {};
  body: unknown = undefined;
  requestId = '';
  quiet = false;
  status = 404;
  answered = false;
  sent: unknown = undefined;

  constructor(
    private readonly req: IncomingMessage,
    readonly route: string,
    private readonly trustProxy: boolean,
    readonly path: string = route,
    readonly params: Exchange['params'] = EMPTY_PARAMS,
  ) {}

  get method(): string {
    return this.req.method ?? '';
  }
  get ip(): string {
    return clientIp(this.req, this.trustProxy);
  }
  header(name: string): string {
    return headerOf(this.req.headers, name);
  }
  answer(status: number, body: unknown): void {
    this.status = status;
    this.sent = body;
    this.answered = true;
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  vary(field: string): void {
    const now = this.headers.Vary;
    this.headers.Vary = now === undefined ? field : `${now}, ${field}`;
  }
}

/**
 * At the morning peak and at mask opening time a few routes take nearly every request, nearly all
 * of one shape: a mini-program (no Origin, so no CORS), a small JSON body or none, an exact URL.
 * Koa's context, its compose chain and a dozen routers cost such a request more than its own work
 * (docs/benchmarks.md), so the lane runs those requests itself, in front of Koa: the SAME declared
 * pipeline steps (core/request-pipeline) and the SAME route definition Koa's router runs (request
 * id, security headers, body, the route's auth, limits, validation and handler, the error shape,
 * metrics, access log). It decides nothing of its own: a request any pipeline step does not admit
 * (an Origin, another body encoding), a query string or another route goes to Koa untouched.
 */
export function fastLane(routes: readonly RouteDefinition[], deps: FastLaneDeps, full: RequestListener): RequestListener {
  const byKey = new Map(routes.filter((r) => !r.path.includes('/:')).map((r) => [`${r.method} ${r.path}`, r]));
  const patterns = routes.filter((r) => r.path.includes('/:')).map(patternOf);
  const { pipeline } = deps;
  const admitters = pipeline.filter((s) => s.admits !== undefined);
  const admitted = (req: IncomingMessage) => admitters.every((s) => s.admits?.(req));

  const write = (res: ServerResponse, x: LaneExchange) => {
    const text = JSON.stringify(x.sent);
    // One writeHead with every header, instead of a validated setHeader per header.
    const headers = x.headers;
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(x.status, headers);
    res.end(text);
    leaveAll(pipeline, x);
  };
  const fail = (res: ServerResponse, x: LaneExchange) => (err: unknown) => {
    failWith(pipeline, x, err);
    write(res, x);
  };
  const settle = (res: ServerResponse, x: LaneExchange) => () => {
    if (!x.answered) throw new Error(`route ${x.route} did not answer`);
    write(res, x);
  };

  const run = (res: ServerResponse, x: LaneExchange, route: RouteDefinition): void | Promise<void> => {
    let pending: void | Promise<void>;
    try {
      pending = runSteps(route.steps, x);
    } catch (err) {
      return fail(res, x)(err);
    }
    // Returned, so that a failure while writing reaches the lane's last catch.
    if (pending !== undefined) return pending.then(settle(res, x)).catch(fail(res, x));
    return settle(res, x)();
  };

  return (req, res) => {
    const exact = byKey.get(`${req.method} ${req.url}`);
    const matched = exact === undefined && patterns.length > 0 ? matchPattern(patterns, req.method ?? '', req.url ?? '') : null;
    const route = exact ?? matched?.route;
    if (route === undefined || !admitted(req)) return full(req, res);
    const x = matched ? new LaneExchange(req, route.path, deps.trustProxy, req.url, matched.params) : new LaneExchange(req, route.path, deps.trustProxy);
    const guarded = (p: void | Promise<void>): void =>
      void p?.catch((err: unknown) => {
        // Only a bug gets here (errors are answered above); the socket must not hang on it.
        deps.logger.error({ err, route: route.path }, 'fast lane failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    try {
      enterAll(pipeline, x);
      if (req.method === 'GET') return guarded(run(res, x, route));
      guarded(
        readRawBody(req, deps.limitBytes).then((text) => {
          try {
            x.body = parseStrictJson(text);
          } catch (err) {
            return fail(res, x)(err);
          }
          return run(res, x, route);
        }, fail(res, x)),
      );
    } catch (err) {
      guarded(Promise.resolve().then(() => fail(res, x)(err)));
    }
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
