import type { Router } from '@koa/router';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../../core/create-logger';
import type { KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import type { DatabaseHandle } from '../../infra/db/create-database';
import type { RedisClient } from '../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../infra/redis/replica-ack';
import type { AuditLog } from '../audit/audit-log';
import type { RoleService } from '../roles/role-service';
import { CheckinService } from './checkins/checkin-service';
import { createCheckinRuntime, type CheckinRuntime } from './checkins/create-checkin-runtime';
import { purgeCheckins, startPurgeScheduler } from './operations/purge-checkins';
import type { PeriodicJob } from '../../core/periodic-job';
import { PosterCodes, posterSeed } from './poster/poster-codes';
import { traceRouter } from './routes/trace-routes';
import { checkinRoute, venueRouter } from './routes/venue-routes';
import { SqlVenueStore } from './store/venue-store';
import { SqlTraceStore } from './tracing/sql-trace-store';
import { TraceService } from './tracing/trace-service';
import { VenueService } from './venue-service';
import type { VenueHealthPort, VenueNotifier, VenuePersonDirectory } from './venues-ports';

export interface VenuesDomainDeps {
  database: DatabaseHandle;
  redis: RedisClient | null;
  /** Check-ins answer only once their stream entry is replicated (config redis.replicaAck). */
  replicaAck?: ReplicaAck | null;
  config: AppConfig['venues'];
  piiHashKey: string;
  /** Run the check-in stream consumer and the retention job in this process. */
  runWorkers: boolean;
  instanceName: string;
  directory: VenuePersonDirectory;
  health: VenueHealthPort;
  notifier: VenueNotifier;
  roles: RoleService;
  audit: AuditLog;
  authenticate: KoaStep;
  logger: Logger;
  now: () => number;
}

/** What app.ts exposes as services.venues. */
export interface VenuesServices {
  venues: VenueService;
  checkins: CheckinService;
  traces: TraceService;
  checkinRuntime: CheckinRuntime;
  retentionDays: number;
  purgeCheckins(actor: string): Promise<number>;
}

export interface VenuesDomain {
  routers: Router[];
  /** Declared routes the app's fast lane also runs (the check-in). */
  laneRoutes: RouteDefinition[];
  services: VenuesServices;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The venues domain's composition root: stores → services → routers, all from explicit deps. */
export function buildVenuesDomain(deps: VenuesDomainDeps): VenuesDomain {
  const { config, now } = deps;
  const db = deps.database.db;
  const codes = new PosterCodes(posterSeed(config.posterSigningSeed, deps.piiHashKey));
  const venues = new VenueService(db, new SqlVenueStore(db), codes, deps.audit, { publicHost: config.publicHost, retentionDays: config.retentionDays }, now);
  const runtime = createCheckinRuntime({
    redis: deps.redis,
    replicaAck: deps.replicaAck ?? null,
    database: deps.database,
    rules: { dedupeMs: config.dedupeMinutes * 60_000, dailyCap: config.dailyCheckinCap },
    instanceName: `${deps.instanceName}-checkins`,
    logger: deps.logger,
    now,
  });
  const checkins = new CheckinService(venues, runtime.ledger, deps.directory, deps.health, now);
  const checkin = checkinRoute(checkins, deps.authenticate);
  const margins = { beforeMs: config.traceBeforeMinutes * 60_000, afterMs: config.traceAfterMinutes * 60_000 };
  const traces = new TraceService(db, new SqlTraceStore(db), venues, deps.directory, deps.health, deps.notifier, deps.audit, margins, now);
  const purge = (actor: string) => purgeCheckins(db, deps.audit, actor, config.retentionDays, now());
  let scheduler: PeriodicJob | null = null;
  return {
    laneRoutes: [checkin],
    routers: [venueRouter(venues, checkin, deps.roles, deps.authenticate), traceRouter(traces, deps.audit, deps.roles, deps.authenticate)],
    services: { venues, checkins, traces, checkinRuntime: runtime, retentionDays: config.retentionDays, purgeCheckins: purge },
    async start() {
      if (!deps.runWorkers) return;
      await runtime.start();
      scheduler = startPurgeScheduler(() => purge('system:retention'), (err) => deps.logger.error({ err }, 'check-in retention purge failed'));
    },
    async close() {
      scheduler?.stop();
      await runtime.stop();
    },
  };
}
