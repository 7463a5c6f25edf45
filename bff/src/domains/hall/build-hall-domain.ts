import type { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../../core/create-logger';
import type { KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import type { SqlDialectName } from '../../infra/db/create-database';
import type { Database } from '../../infra/db/database';
import type { RedisClient } from '../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../infra/redis/replica-ack';
import type { AuditLog } from '../audit/audit-log';
import type { RoleService } from '../roles/role-service';
import { BoardService } from './board/board-service';
import { boardRoutes } from './board/board-routes';
import { BoardStreams } from './board/board-streams';
import type { ArrivalAppointments, HallCodeResolver, HallNotifier, HallPeople } from './hall-ports';
import { hallRegistryRoutes } from './hall-routes';
import { ConsoleService } from './queue/console-service';
import { createHallQueueRuntime, type HallQueueRuntime } from './queue/hall-queue-runtime';
import { MemoryQueueStore } from './queue/memory-queue-store';
import type { OrderPolicy } from './queue/queue-order';
import { QueueReader } from './queue/queue-reader';
import type { QueueStore } from './queue/queue-store';
import { RedisQueueStore } from './queue/redis-queue-store';
import { SqlTicketStore } from './queue/sql-ticket-store';
import { STREAMED_CHANGES, type ChangeSink } from './queue/ticket-effects';
import { TicketJournal } from './queue/ticket-journal';
import { TicketLocator } from './queue/ticket-locator';
import { callNextRoute, takeTicketRoute, ticketPositionRoute, ticketRoutes } from './queue/ticket-routes';
import { TicketService } from './queue/ticket-service';
import { HallAdminService } from './registry/hall-admin-service';
import { HallDirectory } from './registry/hall-directory';
import { HallReadService } from './registry/hall-read-service';
import { SqlHallRegistryStore } from './registry/sql-hall-registry-store';
import { SqlWindowShiftStore } from './shifts/sql-window-shift-store';
import { WindowShiftService } from './shifts/window-shift-service';
import { windowShiftRoutes } from './shifts/window-shift-routes';

export interface HallDomainDeps {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /** Null for the embedded default: the queue then lives in process memory. */
  redis: RedisClient | null;
  /** Queue steps answer only once their stream entry is on this many replicas (null: off). */
  replicaAck: ReplicaAck | null;
  /** Consumer name in the hall stream's group (stable per process, docs/durable-stream.md). */
  instanceName: string;
  /** Run the stream consumer here (API-only processes leave it to workers). */
  runWorkers: boolean;
  config: AppConfig['hallQueue'];
  roles: RoleService;
  audit: AuditLog;
  authenticate: KoaStep;
  people: HallPeople;
  codes: HallCodeResolver;
  notifier: HallNotifier;
  arrivals: ArrivalAppointments;
  logger: Logger;
  now: () => number;
}

export interface HallDomain {
  routers: Router[];
  /** Routes the app's fast lane runs too (the live position read, taking a ticket, call next). */
  laneRoutes: RouteDefinition[];
  services: {
    /** Halls, services (hours, closed days) and windows for other domains (appointments). */
    directory: HallDirectory;
    admin: HallAdminService;
    tickets: TicketService;
    consoles: ConsoleService;
    boards: BoardService;
    queue: QueueStore;
    /** 上岗: one window per window staff member (shifts/). */
    shifts: WindowShiftService;
    /** The durable stream's consumer and the rebuild after Redis lost the queue (null: embedded). */
    queueRuntime: HallQueueRuntime | null;
  };
  /** Rebuilds lost queue shards and runs the stream consumer (Redis, workers). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function orderPolicyOf(config: AppConfig['hallQueue']): OrderPolicy {
  return { bonusMin: { appointment: config.appointmentBonusMin, priority: config.priorityBonusMin }, preferredPerNormal: config.preferredPerNormal };
}

/** The service hall's registry, queue and board, composed; bff/src/app.ts wires its ports. */
export function buildHallDomain(deps: HallDomainDeps): HallDomain {
  const { db, now } = deps;
  const registry = new SqlHallRegistryStore(db, now);
  const directory = new HallDirectory(registry, now);
  const journal = new TicketJournal(db, deps.dialect, deps.audit, deps.notifier, now);
  const runtime = deps.redis ? createHallQueueRuntime({ redis: deps.redis, db, journal, directory, instanceName: `${deps.instanceName}-hall`, logger: deps.logger, now }) : null;
  const queue: QueueStore = deps.redis ? new RedisQueueStore(deps.redis, deps.replicaAck, () => runtime?.requestRebuild()) : new MemoryQueueStore();
  // Redis: the queue script's stream entry carries every change; embedded: written at once.
  const changes: ChangeSink = deps.redis ? STREAMED_CHANGES : { changed: (tickets, effects) => journal.write([{ eventId: null, rev: 0, tickets, effects }]) };
  const policy = orderPolicyOf(deps.config);
  const reader = new QueueReader(queue, policy, now);
  const sink = new SqlTicketStore(db, now);
  const admin = new HallAdminService(registry, directory, deps.audit);
  const tickets = new TicketService({ directory, store: queue, reader, sink, changes, locator: new TicketLocator(sink), people: deps.people, codes: deps.codes, arrivals: deps.arrivals, settings: deps.config, policy, now });
  const consoles = new ConsoleService({ directory, store: queue, reader, changes, tickets, people: deps.people, policy, nearPosition: deps.config.nearPosition, now });
  const reads = new HallReadService(directory, reader, sink, now);
  const boards = new BoardService(directory, reader, now);
  const streams = new BoardStreams(boards, deps.logger);
  const shifts = new WindowShiftService(new SqlWindowShiftStore(db), directory, deps.audit, now);
  const lane = {
    position: ticketPositionRoute(tickets, deps.roles, deps.authenticate),
    take: takeTicketRoute(tickets, deps.roles, deps.authenticate),
    callNext: callNextRoute(consoles, deps.roles, deps.authenticate, shifts),
  };
  return {
    laneRoutes: [lane.position, lane.take, lane.callNext],
    routers: [
      ticketRoutes(tickets, consoles, admin, deps.roles, deps.authenticate, lane, shifts),
      windowShiftRoutes(shifts, deps.roles, deps.authenticate),
      boardRoutes(boards, streams),
      hallRegistryRoutes(reads, admin, deps.roles, deps.authenticate),
    ],
    services: { directory, admin, tickets, consoles, boards, queue, shifts, queueRuntime: runtime },
    async start() {
      if (runtime && deps.runWorkers) await runtime.start();
    },
    async close() {
      streams.close();
      await runtime?.close();
    },
  };
}
