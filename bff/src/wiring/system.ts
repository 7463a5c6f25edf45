import type { Router } from '@koa/router';
import { createHttpMetrics, type HttpMetrics } from '../core/http-metrics';
import { registerStreamLagMetrics, StreamLagMonitor, type WatchedStream } from '../infra/redis/stream-lag';
import { MASK_OUTBOX } from '../domains/masks/hot-path/mask-keys';
import { HALL_TICKET_STREAM } from '../domains/hall/queue/hall-keys';
import { systemRoutes, type ReadinessCheck } from '../domains/system/system-routes';
import { CHECKIN_STREAM } from '../domains/venues/checkins/redis-checkin-ledger';
import type { Platform } from './platform';

/** Every outbox / durable stream a consumer of this app drains, shard by shard. */
function watchedStreams(): WatchedStream[] {
  return [
    ...[MASK_OUTBOX, CHECKIN_STREAM, HALL_TICKET_STREAM].flatMap((spec) => spec.allShards().map((s) => ({ stream: spec.name, shard: s.shard, key: s.stream }))),
  ];
}

export interface SystemWiring {
  metrics: HttpMetrics;
  /** /healthz, /readyz, /metrics and the API document. */
  router: Router;
}

/** Metrics, and readiness: the stores answer, and (Redis) the outbox consumers keep up. */
export function wireSystem(platform: Pick<Platform, 'config' | 'database' | 'redis' | 'hotStore'>, version: string): SystemWiring {
  const { config, database, redis, hotStore } = platform;
  const metrics = createHttpMetrics();
  // The outbox consumers' backlog on /metrics, and on /readyz past storage.streamLagReadyMs.
  const streamLag = redis ? new StreamLagMonitor(redis, watchedStreams(), { thresholdMs: config.storage.streamLagReadyMs }) : null;
  if (streamLag) registerStreamLagMetrics(metrics.registry, streamLag);
  const readiness: Record<string, ReadinessCheck> = {
    database: database.ping,
    hotStore: () => hotStore.ping(),
    ...(streamLag ? { streamLag: () => streamLag.withinThreshold() } : {}),
  };
  return { metrics, router: systemRoutes(readiness, metrics.registry, version) };
}
