/**
 * Hot state: sessions, rate limits, idempotency keys, counters (and, later, quotas and queues).
 * Implemented on Redis (standalone or Cluster, Lua sent by EVALSHA, load-lua-commands) and in-process for
 * the embedded default. One contract test suite runs against every implementation.
 *
 * Keys passed in are logical keys built by `keys.ts`; implementations add the configured prefix.
 */
export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface HotStore {
  readonly kind: 'memory' | 'redis' | 'cluster';
  get(key: string): Promise<string | null>;
  /** Sets a value, with expiry when ttlMs is given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only if absent (atomic); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Remaining time to live in ms; -1 without expiry, -2 when absent. */
  ttlMs(key: string): Promise<number>;
  /** Atomic add; the key is created at 0 first. The ttl is set when the key is created. */
  incrBy(key: string, delta: number, ttlMs?: number): Promise<number>;
  /**
   * Fixed-window counter, atomic in one round trip: counts this hit and says whether it is
   * within `limit` hits per `windowMs`.
   */
  hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
