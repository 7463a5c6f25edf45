import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from './create-logger';
import { answerError } from './error-middleware';
import type { HttpMetrics } from './http-metrics';
import { isPlainJsonRequest } from './json-body';
import type { PipelineStep } from './pipeline';
import { assignRequestId } from './request-id';
import type { SecurityHeaderLists } from './security-headers';

export interface RequestPipelineDeps {
  logger: Logger;
  record: HttpMetrics['record'];
  headers: SecurityHeaderLists;
  /** The full CORS middleware, for requests with an Origin (the lane leaves those to Koa). */
  cors: Middleware;
  /** The app's body reader (core/json-body): Koa's, for the bodies the lane does not read itself. */
  body: Middleware;
}

const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * What every request passes, declared once, in order. Koa runs it through koaPipeline (app.ts),
 * the fast lane (core/fast-lane) runs the same steps for the hot routes: a step added here reaches
 * both, and test/api/request-pipeline.test.ts fails until its effect is checked on the lane's answers.
 */
export function requestPipeline(deps: RequestPipelineDeps): PipelineStep[] {
  const { logger } = deps;
  return [
    {
      name: 'requestId',
      enter: assignRequestId,
    },
    {
      name: 'accessLog',
      leave(x) {
        if (x.quiet) return;
        const line = { requestId: x.requestId, method: x.method, route: x.route, status: x.status, ms: Math.round(secondsSince(x.start) * 1000) };
        // `fast` tells operators (and tests) which runner answered; otherwise the lines are the same.
        logger.info(x.fast ? { ...line, fast: true } : line, 'request');
      },
    },
    {
      name: 'metrics',
      leave(x) {
        deps.record(x.method, x.route, x.status, secondsSince(x.start));
      },
    },
    {
      name: 'errors',
      fail: (x, err) => answerError(x, err, logger),
    },
    {
      name: 'securityHeaders',
      enter(x) {
        for (const [name, value] of x.path.startsWith('/api/') ? deps.headers.api : deps.headers.document) x.setHeader(name, value);
      },
    },
    {
      name: 'cors',
      // Mini-programs send no Origin: they need only the Vary, not @koa/cors' two awaits per request.
      admits: (req) => req.headers.origin === undefined,
      enter(x) {
        if (x.header('origin') === '') x.vary('Origin');
      },
      koa: (ctx, next): Promise<unknown> => (ctx.get('origin') === '' ? next() : (deps.cors(ctx, next) as Promise<unknown>)),
    },
    {
      name: 'body',
      // The lane reads plain JSON itself with the same reader; bodiless GETs need none.
      admits: (req) => (req.method === 'GET' ? !hasBody(req) : isPlainJsonRequest(req)),
      koa: deps.body,
    },
  ];
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
