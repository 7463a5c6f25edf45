import { join } from 'node:path';
import { closeRedisClient, redisClientKind, type RedisClient } from '../redis/create-redis-client';
import type { HotStore, RateLimitResult } from './hot-store';
import { checkDelta, checkRateLimit, checkTtlMs, rateLimitResult } from './hot-store-args';
import { hotStoreClosedError, toHotStoreError } from './hot-store-errors';
import { loadLuaCommands, runLua } from './load-lua-commands';

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
    return this.run(() => this.client.get(key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    checkTtlMs(ttlMs);
    await this.run(() => (ttlMs === undefined ? this.client.set(key, value) : this.client.set(key, value, 'PX', ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtlMs(ttlMs);
    const reply = await this.run(() => this.client.set(key, value, 'PX', ttlMs, 'NX'));
    return reply === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.run(() => this.client.del(key));
  }

  ttlMs(key: string): Promise<number> {
    return this.run(() => this.client.pttl(key));
  }

  async incrBy(key: string, delta: number, ttlMs?: number): Promise<number> {
    checkDelta(delta);
    checkTtlMs(ttlMs);
    return this.run(() => runLua<number>(this.client, 'gpIncrByWithTtl', [key], [delta, ttlMs ?? 0]));
  }

  async hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    checkRateLimit(limit, windowMs);
    const [count, pttl] = await this.run(() => runLua<[number, number]>(this.client, 'gpRateLimit', [key], [windowMs]));
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

  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.closed) throw hotStoreClosedError();
    try {
      return await command();
    } catch (err) {
      throw toHotStoreError(err);
    }
  }
}
