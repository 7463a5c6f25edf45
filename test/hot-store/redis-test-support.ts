import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import {
  closeRedisClient,
  createRedisClient,
  waitForReady,
  type RedisClient,
  type RedisStorageConfig,
} from '../../bff/src/infra/redis/create-redis-client';
import type { HotStoreUnderTest } from '../../bff/src/infra/hot-store/hot-store-contract';
import { RedisHotStore } from '../../bff/src/infra/hot-store/redis-hot-store';

/**
 * Redis and the cluster are REQUIRED by these suites: when one is not reachable every test fails
 * with a message saying what to start, never a silent skip.
 */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_CLUSTER_TEST_NODES = (process.env.REDIS_CLUSTER_TEST_NODES ?? '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/** A domain's own Lua folder (multi-key script), to prove the loader and the hash tags. */
export const FIXTURE_LUA_DIR = join(__dirname, 'fixtures', 'lua');

/** Below jest's 5 s hook timeout, so our message is what gets reported. */
const READY_TIMEOUT_MS = 3000;

/** Once a service failed to answer, later connects in the run fail at once with the same message. */
const unreachableServices = new Map<string, Error>();

export function standaloneStorage(keyPrefix: string): RedisStorageConfig {
  return { redisUrl: REDIS_TEST_URL, redisClusterNodes: [], redisKeyPrefix: keyPrefix };
}

export function clusterStorage(keyPrefix: string): RedisStorageConfig {
  return { redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES, redisKeyPrefix: keyPrefix };
}

function unreachable(storage: RedisStorageConfig, err: unknown): Error {
  const cluster = storage.redisClusterNodes.length > 0;
  const where = cluster ? `Redis Cluster at ${storage.redisClusterNodes.join(',')}` : `Redis at ${storage.redisUrl}`;
  const how = cluster
    ? 'start it with `.ci/redis-cluster.sh start` or set REDIS_CLUSTER_TEST_NODES'
    : 'start redis-server or set REDIS_TEST_URL';
  return new Error(`${where} is REQUIRED for this suite and is not reachable (${how}): ${(err as Error).message}`);
}

/**
 * The harness's command budget. The product's 1 s is tested with its own clients (the SIGSTOP
 * test); here a jest worker deep in a long file can stall its event loop (GC) past 1 s, and then
 * ioredis fires the timers before it reads replies that were already in: a flaky "Command timed
 * out" on CI that says nothing about the code under test.
 */
const HARNESS_COMMAND_TIMEOUT_MS = 5000;

/** A ready client, or an error that says which service to start. */
export async function connectOrFail(storage: RedisStorageConfig): Promise<RedisClient> {
  const service = storage.redisClusterNodes.join(',') || String(storage.redisUrl);
  const known = unreachableServices.get(service);
  if (known) throw known;
  const client = createRedisClient(storage, { commandTimeoutMs: HARNESS_COMMAND_TIMEOUT_MS });
  try {
    await waitForReady(client, READY_TIMEOUT_MS);
    return client;
  } catch (err) {
    await closeRedisClient(client);
    const error = unreachable(storage, err);
    unreachableServices.set(service, error);
    throw error;
  }
}

/** Unique per test run; every store of the run gets `<run prefix><n>:`. */
export function runPrefix(label: string): string {
  return `gptest:${label}:${process.pid}-${randomBytes(3).toString('hex')}:`;
}

/** Every key under a raw prefix, across all masters of a cluster. */
export async function keysUnder(admin: RedisClient, prefix: string): Promise<string[]> {
  const nodes: Redis[] = admin instanceof Cluster ? admin.nodes('master') : [admin];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found;
}

/** Deletes keys one by one: a multi-key DEL across slots would be CROSSSLOT on a cluster. */
export async function deleteUnder(admin: RedisClient, prefix: string): Promise<void> {
  const keys = await keysUnder(admin, prefix);
  await Promise.all(keys.map((k) => admin.del(k)));
}

/** makeStore for the contract suite: each store gets its own prefix under the run prefix. */
export function redisStoreFactory(
  storageFor: (keyPrefix: string) => RedisStorageConfig,
  admin: () => RedisClient,
  prefix: string,
): () => Promise<HotStoreUnderTest> {
  let n = 0;
  return async () => {
    const keyPrefix = `${prefix}${++n}:`;
    const store = new RedisHotStore(await connectOrFail(storageFor(keyPrefix)));
    return {
      store,
      cleanup: async () => {
        await store.close();
        await deleteUnder(admin(), keyPrefix);
      },
    };
  };
}
