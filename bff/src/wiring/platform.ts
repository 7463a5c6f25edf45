import { hostname } from 'node:os';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../core/create-logger';
import type { DatabaseHandle } from '../infra/db/create-database';
import { usesRedis } from '../infra/hot-store/create-hot-store';
import type { HotStore } from '../infra/hot-store/hot-store';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../infra/redis/create-redis-client';
import { DEFAULT_TRACKED_READS, TrackedReadCache, uncachedReads, type CachedReads } from '../infra/redis/tracked-read-cache';

/**
 * The clients app.ts opens once (config → clients → stores); each domain's wiring takes the ones it
 * names. A plain record handed down, never a global or a registry looked up at run time.
 */
export interface Platform {
  config: AppConfig;
  database: DatabaseHandle;
  /** Null for the embedded default (no Redis configured). */
  redis: RedisClient | null;
  hotStore: HotStore;
  /** Sessions and health statuses held in process until Redis says they changed (docs/benchmarks.md, "tracked reads"). */
  trackedReads: CachedReads;
  logger: Logger;
  now: () => number;
}

export async function connectRedis(config: AppConfig, logger: Logger): Promise<RedisClient | null> {
  if (!usesRedis(config.storage)) return null;
  const client = createRedisClient(config.storage, { onError: (err) => logger.warn({ err: String(err) }, 'redis connection problem'), connectionName: 'govpass-bff' });
  try {
    await waitForReady(client);
  } catch (err) {
    await closeRedisClient(client);
    throw err;
  }
  return client;
}

/**
 * The outbox consumer's name: unique per live process. Set INSTANCE_NAME to something stable across
 * restarts to re-read its own pending entries at once; a new name also recovers, because consumers
 * take over the entries of dead ones within seconds.
 */
export function instanceName(config: AppConfig): string {
  return process.env.INSTANCE_NAME ?? `bff-${hostname()}-${config.server.port || process.pid}`;
}

/** Reads through the hot store, cached in process when Redis can tell us of changes (standalone only). */
export function trackedReadsOf(redis: RedisClient | null, hotStore: HotStore, logger: Logger): CachedReads {
  const plain = (key: string) => hotStore.get(key);
  if (!redis) return uncachedReads(plain);
  return TrackedReadCache.create(redis, plain, { ...DEFAULT_TRACKED_READS, onStateChange: (live, why) => logger.info({ live, why }, 'tracked reads') });
}
