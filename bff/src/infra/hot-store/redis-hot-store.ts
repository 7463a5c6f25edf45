import { join } from 'node:path';
import { closeRedisClient, redisClientKind, type RedisClient } from '../redis/create-redis-client';
import type { HotStore, RateLimitResult } from './hot-store';
import { checkDelta, checkRateLimit, checkTtlMs, rateLimitResult } from './hot-store-args';
import { hotStoreClosedError, toHotStoreError } from './hot-store-errors';
import { loadLuaCommands, runLua } from './load-lua-commands';
import { withRedisRetry } from '../redis/redis-retry';

/** How `run` repeats a command through cluster transitions (scripts: runLua does it itself). */
type Retry = 'idempotent' | 'not-idempotent' | 'runLua';
const IDEMPOTENT: Retry = 'idempotent';
const BY_RUN_LUA: Retry = 'runLua';

/** This folder's scripts: rate-limit.lua → gpRateLimit, incr-by-with-ttl.lua → gpIncrByWithTtl. */
export const HOT_STORE_LUA_DIR = join(__dirname, 'lua');

export interface RedisHotStoreOptions {
  /**
   * Whether close() also closes the client. Default true; pass false when other stores share the
   * client (they own their own lifecycle then).
   */
  closeClient?: boolean;
}

/**
 * HotStore on Redis, standalone or Cluster. Takes a client made by createRedisClient (which sets
 * the key prefix, timeouts and, on Cluster, auto-pipelining); registers this folder's Lua scripts
 * on it. Every failure comes out as an AppError: 503 STORE_UNAVAILABLE for outages, 500 for bugs.
 */
export class RedisHotStore implements HotStore {
  readonly kind: 'redis' | 'cluster';
  private closed = false;
  private readonly closeClient: boolean;

  constructor(
    private readonly client: RedisClient,
    options: RedisHotStoreOptions = {},
  ) {
    this.kind = redisClientKind(client);
    this.closeClient = options.closeClient ?? true;
    loadLuaCommands(client, HOT_STORE_LUA_DIR);
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(key), IDEMPOTENT);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    checkTtlMs(ttlMs);
    await this.run(() => (ttlMs === undefined ? this.client.set(key, value) : this.client.set(key, value, 'PX', ttlMs)), IDEMPOTENT);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtlMs(ttlMs);
    const reply = await this.run(() => this.client.set(key, value, 'PX', ttlMs, 'NX'));
    return reply === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.run(() => this.client.del(key), IDEMPOTENT);
  }

  ttlMs(key: string): Promise<number> {
    return this.run(() => this.client.pttl(key), IDEMPOTENT);
  }

  async incrBy(key: string, delta: number, ttlMs?: number): Promise<number> {
    checkDelta(delta);
    checkTtlMs(ttlMs);
    return this.run(() => runLua<number>(this.client, 'gpIncrByWithTtl', [key], [delta, ttlMs ?? 0]), BY_RUN_LUA);
  }

  async hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    checkRateLimit(limit, windowMs);
    const [count, pttl] = await this.run(() => runLua<[number, number]>(this.client, 'gpRateLimit', [key], [windowMs]), BY_RUN_LUA);
    return rateLimitResult(count, limit, pttl);
  }

  /** For /readyz: false instead of an error, and false once closed. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.closeClient) await closeRedisClient(this.client);
  }

  /**
   * Plain commands ride out cluster transitions like scripts (runLua retries those itself).
   * `idempotent`: GET, PTTL, DEL and a plain SET give the same result run twice; SET NX does not
   * (a repeat after a lost reply would report "not set" for its own write), so it is repeated
   * only when Redis said it did not run.
   */
  private async run<T>(command: () => Promise<T>, retry: Retry = 'not-idempotent'): Promise<T> {
    if (this.closed) throw hotStoreClosedError();
    try {
      if (retry === 'runLua') return await command();
      return await withRedisRetry(this.client, command, { idempotent: retry === 'idempotent' });
    } catch (err) {
      throw toHotStoreError(err);
    }
  }
}
