import type { DatabaseHandle } from '../../../infra/db/create-database';
import { DedicatedConsumer } from '../../../infra/durable-stream/dedicated-consumer';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../../infra/redis/replica-ack';
import { SILENT_LOGGER, type HotPathLogger, type HotPathTimings } from './hot-path-settings';
import type { MaskHotPath } from './mask-hot-path';
import { MemoryMaskHotPath } from './memory-mask-hot-path';
import { maskOutboxConsumer } from './mask-outbox';
import { rebuildHotPath, type RebuildSummary } from './rebuild-hot-path';
import { RedisMaskHotPath } from './redis-mask-hot-path';
import { SqlReservationSink, type ShortCodeMaker } from './sql-reservation-sink';
import type { ShortCodeReader } from './rebuild-hot-path';

export interface MaskHotPathDeps {
  /** The app's Redis client (standalone or Cluster), or null for the embedded in-process store. */
  redis: RedisClient | null;
  database: DatabaseHandle;
  /** Stable per instance (host/pod name): the outbox consumer's name in its group. */
  instanceName: string;
  /** Bookings answer only once their outbox entry is on this many replicas (null: off). */
  replicaAck?: ReplicaAck | null;
  /** Hold lease and other timings (config masks.holdLeaseMs). */
  timings?: Partial<HotPathTimings>;
  logger?: HotPathLogger;
  /** Short 取货码: the sink writes them, the rebuild restores their sequences (pickup-code/short-code.ts). */
  shortCodes: ShortCodeMaker & ShortCodeReader;
}

/** The hot path plus what keeps it durable; start() before serving, stop() on shutdown. */
export interface MaskHotPathRuntime {
  hotPath: MaskHotPath;
  /** Redis: starts the outbox consumer. In-process: rebuilds the state from the database (it died with the last process). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** After Redis lost data (`admin rebuild-hot-store`): writes out the whole outbox, then fills in the missing state. */
  rebuild(): Promise<RebuildSummary>;
}

/**
 * Redis: bookings are durable once in the outbox; its DurableStreamConsumer on its OWN connection (its
 * live read blocks) writes them to the database. In-process: bookings are written through to the
 * database before book() answers, so there is no outbox and nothing to consume.
 */
export function createMaskHotPath(deps: MaskHotPathDeps): MaskHotPathRuntime {
  const logger = deps.logger ?? SILENT_LOGGER;
  const { shortCodes } = deps;
  const sink = new SqlReservationSink(deps.database.db, deps.database.dialect, { logger, shortCodes });
  if (deps.redis === null) {
    const hotPath = new MemoryMaskHotPath(sink, { logger });
    const rebuild = () => rebuildHotPath(deps.database.db, hotPath, { logger, shortCodes });
    return { hotPath, start: async () => void (await rebuild()), stop: () => Promise.resolve(), rebuild };
  }
  const hotPath = new RedisMaskHotPath(deps.redis, { logger, replicaAck: deps.replicaAck ?? null, ...deps.timings });
  const outbox = new DedicatedConsumer(deps.redis, (client) => maskOutboxConsumer(client, sink, { consumer: deps.instanceName, logger, idempotencyTtlMs: deps.timings?.idempotencyTtlMs }));
  return {
    hotPath,
    start: () => outbox.start(),
    stop: () => outbox.close(),
    async rebuild() {
      // Every consumer must be idle or stopped: claimIdleMs 0 takes over all pending entries.
      await outbox.drain({ claimIdleMs: 0 });
      return rebuildHotPath(deps.database.db, hotPath, { logger, shortCodes });
    },
  };
}
