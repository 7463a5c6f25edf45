import {
  closeRedisClient,
  createRedisClient,
  waitForReady,
  type RedisClientTuning,
  type RedisStorageConfig,
} from '../redis/create-redis-client';
import type { HotStore } from './hot-store';
import { MemoryHotStore } from './memory-hot-store';
import { RedisHotStore } from './redis-hot-store';

export interface CreateHotStoreOptions extends RedisClientTuning {
  /** How long start-up waits for Redis before giving up. */
  readyTimeoutMs?: number;
}

export function usesRedis(storage: RedisStorageConfig): boolean {
  return storage.redisClusterNodes.length > 0 || Boolean(storage.redisUrl);
}

/**
 * The hot store the config asks for: Redis Cluster when cluster nodes are set, standalone Redis
 * for redisUrl, else the in-process store (embedded default). Waits until Redis is ready, and
 * fails start-up with a clear error (closing the client) when it is not.
 */
export async function createHotStore(storage: RedisStorageConfig, options: CreateHotStoreOptions = {}): Promise<HotStore> {
  if (!usesRedis(storage)) return new MemoryHotStore();
  const { readyTimeoutMs = 10_000, ...tuning } = options;
  const client = createRedisClient(storage, tuning);
  try {
    await waitForReady(client, readyTimeoutMs);
  } catch (err) {
    await closeRedisClient(client);
    throw err;
  }
  return new RedisHotStore(client);
}
