import { Redis, Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@govpass/config';
import type { RedisClient } from './redis-client';
import { DEFAULT_RETRY_POLICY, retryPolicyOf, setRetryPolicy } from './redis-retry';

export type { RedisClient } from './redis-client';

export type RedisStorageConfig = Pick<AppConfig['storage'], 'redisUrl' | 'redisClusterNodes' | 'redisKeyPrefix'> &
  Partial<Pick<AppConfig['storage'], 'redisRetry' | 'redisSlotsRefreshMs'>>;

export interface RedisClientTuning {
  /** TCP connect + handshake budget per attempt. */
  connectTimeoutMs?: number;
  /** Budget of one command once sent; a hung server must not hang a request. */
  commandTimeoutMs?: number;
  /** Cap of the reconnect back-off; the client keeps reconnecting in the background forever. */
  maxReconnectDelayMs?: number;
  /** Connection errors while (re)connecting; without a listener ioredis prints every one. */
  onError?: (err: Error) => void;
  connectionName?: string;
}

/** Cluster slot map re-read this often besides on MOVED: a stale map must heal without a MOVED too. */
const DEFAULT_SLOTS_REFRESH_MS = 5000;

const DEFAULTS = {
  connectTimeoutMs: 2000,
  commandTimeoutMs: 1000,
  maxReconnectDelayMs: 2000,
  connectionName: 'govpass-bff',
};

/**
 * A standalone client for `storage.redisUrl`, or a Cluster client when `storage.redisClusterNodes`
 * is non-empty (it wins). Built to fail fast, so `/readyz` and the booking path can answer 503
 * instead of hanging: no offline queue (a command while disconnected fails at once, and is never
 * replayed later when the caller has long given up), in-flight commands fail on disconnect
 * (maxRetriesPerRequest 0), and every sent command has a timeout.
 * Connects immediately: await `waitForReady` before the first command.
 */
export function createRedisClient(storage: RedisStorageConfig, tuning: RedisClientTuning = {}): RedisClient {
  const t = { ...DEFAULTS, ...tuning };
  const keyPrefix = checkedKeyPrefix(storage.redisKeyPrefix);
  const client =
    storage.redisClusterNodes.length > 0
      ? createCluster(storage.redisClusterNodes, keyPrefix, t, storage.redisSlotsRefreshMs ?? DEFAULT_SLOTS_REFRESH_MS)
      : createStandalone(requireUrl(storage.redisUrl), keyPrefix, t);
  setRetryPolicy(client, storage.redisRetry ?? DEFAULT_RETRY_POLICY);
  // Unheard, ioredis prints every failed reconnect; outages surface through commands, ping()
  // and waitForReady's message instead.
  client.on('error', tuning.onError ?? noop);
  return client;
}

function noop(): void {}

function requireUrl(url: string | null): string {
  if (!url) throw new Error('storage.redisUrl or storage.redisClusterNodes is required for a Redis client');
  return url;
}

/** A brace in the prefix would become the hash tag of every key (all traffic on one slot). */
function checkedKeyPrefix(prefix: string): string {
  if (/[{}]/.test(prefix)) {
    throw new Error(`storage.redisKeyPrefix must not contain "{" or "}" (got "${prefix}")`);
  }
  return prefix;
}

type Tuning = typeof DEFAULTS & RedisClientTuning;

function nodeOptions(t: Tuning): RedisOptions {
  return {
    connectTimeout: t.connectTimeoutMs,
    commandTimeout: t.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    connectionName: t.connectionName,
  };
}

function createStandalone(url: string, keyPrefix: string, t: Tuning): Redis {
  return new Redis(url, {
    ...nodeOptions(t),
    keyPrefix,
    enableOfflineQueue: false,
    // Commands issued in the same tick share one write: same-run A/B under booking load (bench:masks),
    // 564 vs 609 and 710 vs 764 µs Node CPU per booking, Redis CPU 87 vs 140 and 109 vs 159 µs.
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), t.maxReconnectDelayMs),
  });
}

export function parseClusterNodes(nodes: readonly string[]): { host: string; port: number }[] {
  return nodes.map((hp) => {
    const i = hp.lastIndexOf(':');
    const port = Number(hp.slice(i + 1));
    if (i <= 0 || !Number.isInteger(port)) throw new Error(`Redis Cluster node "${hp}" must be host:port`);
    return { host: hp.slice(0, i), port };
  });
}

function createCluster(nodes: readonly string[], keyPrefix: string, t: Tuning, slotsRefreshMs: number): Cluster {
  const options: ClusterOptions = {
    keyPrefix,
    // Batches commands per node within a tick (standalone too, see above).
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: (times) => Math.min(100 * times, t.maxReconnectDelayMs),
    slotsRefreshTimeout: t.connectTimeoutMs,
    // Periodic as well as on MOVED: a connection that only reads streams (the outbox consumers)
    // must learn of a promoted replica even when no reply tells it. duplicate() copies this.
    slotsRefreshInterval: slotsRefreshMs > 0 ? slotsRefreshMs : undefined,
    redisOptions: nodeOptions(t),
  };
  return new Cluster(parseClusterNodes(nodes), options);
}

export function redisClientKind(client: RedisClient): 'redis' | 'cluster' {
  return client instanceof Cluster ? 'cluster' : 'redis';
}

/**
 * Resolves once the client can take commands; for a Cluster that means the slot map is loaded
 * and a connection to every master is ready (right after `ready` the other masters' sockets may
 * still be connecting, and `nodes('master')` is empty before it). Rejects after `timeoutMs`
 * with the last connection error, leaving the client to keep retrying (or to be disconnected).
 */
export async function waitForReady(client: RedisClient, timeoutMs = 10_000): Promise<void> {
  let lastError: Error | undefined;
  let lastNodeError: string | undefined;
  const onError = (err: Error) => {
    lastError = err;
  };
  // A Cluster's own error ("Failed to refresh slots cache.") does not say which node failed how.
  const onNodeError = (err: Error, address: string) => {
    lastNodeError = `${address}: ${err.message}`;
  };
  client.on('error', onError);
  client.on('node error', onNodeError);
  try {
    await withDeadline(readyPromise(client), timeoutMs, () => {
      const why = [lastError?.message, lastNodeError && `last node error ${lastNodeError}`].filter(Boolean).join('; ');
      const what = client instanceof Cluster ? 'Redis Cluster' : 'Redis';
      return new Error(`${what} not ready after ${timeoutMs} ms${why ? `: ${why}` : ''}`, { cause: lastError });
    });
  } finally {
    client.off('error', onError);
    client.off('node error', onNodeError);
  }
}

async function readyPromise(client: RedisClient): Promise<void> {
  if (client.status !== 'ready') await readyEvent(client);
  if (client instanceof Cluster) {
    await Promise.all(client.nodes('master').map((node) => node.ping()));
  }
}

function readyEvent(client: RedisClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (client.status === 'end') return reject(new Error('Redis client is closed'));
    const onReady = () => {
      client.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      client.off('ready', onReady);
      reject(new Error('Redis client closed before it was ready'));
    };
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}

async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Graceful QUIT when connected, else just drop the socket (QUIT would fail without offline queue). */
export async function closeRedisClient(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through: the connection went away meanwhile
    }
  }
  client.disconnect();
}

/**
 * A second connection with the same settings, for a consumer whose blocking reads must not hold up
 * the app's client. (The two classes' duplicate() signatures differ, so the union cannot call it.)
 */
export function duplicateRedisClient(client: RedisClient): RedisClient {
  const copy = client instanceof Cluster ? client.duplicate() : client.duplicate();
  setRetryPolicy(copy, retryPolicyOf(client));
  return copy;
}
