import type { RequestListener } from 'node:http';
import Koa from 'koa';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import type { Router } from '@koa/router';
import { maskOperationRoutes } from '@govpass/shared-types';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../core/create-logger';
import { fastLane } from '../core/fast-lane';
import type { HttpMetrics } from '../core/http-metrics';
import { inlineScriptHashes } from '../core/inline-script-hashes';
import { jsonBody } from '../core/json-body';
import { koaPipeline } from '../core/koa-pipeline';
import type { PipelineStep, RouteDefinition } from '../core/pipeline';
import { requestPipeline } from '../core/request-pipeline';
import { securityHeaderLists } from '../core/security-headers';
import { serveStatic } from '../core/serve-static';
import { LARGE_BODY_LIMIT_BYTES, LARGE_BODY_PATHS } from '../domains/health/routes/large-json-body';

/** @koa/cors for requests with an Origin (the pipeline's cors step gives the others their Vary). */
function corsFor(origins: string[]): Koa.Middleware {
  return cors({ origin: (ctx) => (origins.includes(ctx.get('origin')) ? ctx.get('origin') : ''), allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Retry-Attempt', 'X-Request-Id'], exposeHeaders: ['X-Request-Id', 'Retry-After'] });
}

/**
 * The one JSON body reader (core/json-body, @koa/bodyparser behind it for compressed bodies and other
 * JSON types) at a limit; `deferred` paths are left for their routes to read with a larger one.
 */
function bodyReader(limitBytes: number, deferred?: readonly string[]) {
  const fallback = bodyParser({ enableTypes: ['json'], jsonLimit: limitBytes, encoding: 'utf-8' });
  return jsonBody({ limitBytes, fallback, deferredPaths: deferred });
}

/** Official and administrator uploads (CSV inside JSON) read past the general body limit, after their role guard. */
export function uploadBodyReader(): Koa.Middleware {
  return bodyReader(LARGE_BODY_LIMIT_BYTES);
}

export interface HttpFront {
  koa: Koa;
  /** The fast lane in front of Koa's callback. */
  handler: RequestListener;
  pipeline: readonly PipelineStep[];
}

export interface HttpParts {
  config: AppConfig;
  logger: Logger;
  metrics: HttpMetrics;
  /** In the order Koa tries them. */
  routers: readonly Router[];
  /** Declared routes the fast lane also runs. */
  laneRoutes: RouteDefinition[];
}

/** Every request's steps, declared once: Koa runs them, and so does the fast lane for the hot routes. */
export function buildHttp({ config, logger, metrics, routers, laneRoutes }: HttpParts): HttpFront {
  const security = { hsts: config.env === 'production', scriptHashes: inlineScriptHashes(config.server.staticDir) };
  const parseBody = bodyReader(config.server.bodyLimitKb * 1024, [...LARGE_BODY_PATHS, maskOperationRoutes.adminImportPharmacies.path]);
  const pipeline = requestPipeline({ logger, record: metrics.record, headers: securityHeaderLists(security), cors: corsFor(config.server.corsOrigins), body: parseBody });
  const koa = new Koa({ proxy: config.server.trustProxy });
  for (const middleware of koaPipeline(pipeline)) koa.use(middleware);
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods({ throw: true }));
  if (config.server.staticDir) koa.use(serveStatic(config.server.staticDir));
  const handler = fastLane(laneRoutes, { pipeline, limitBytes: config.server.bodyLimitKb * 1024, logger, trustProxy: config.server.trustProxy }, koa.callback());
  return { koa, handler, pipeline };
}
