import { AppError } from '../../core/app-error';
import type { HotStore, RateLimitResult } from './hot-store';
import { checkDelta, checkRateLimit, checkTtlMs, rateLimitResult } from './hot-store-args';
import { hotStoreClosedError } from './hot-store-errors';

export interface MemoryHotStoreOptions {
  /** Clock in ms (tests inject a fake one). */
  now?: () => number;
  /** How often expired entries are dropped even if nobody reads them; 0 turns the sweep off. */
  sweepIntervalMs?: number;
}

interface Entry {
  value: string;
  /** Epoch ms, or null for no expiry. */
  expiresAt: number | null;
}

/**
 * In-process HotStore for the embedded default (no Redis installed): one process, so every call
 * is atomic by construction. Same semantics as Redis, expiry included: an expired entry is
 * invisible at once (checked on access) and its memory is freed by a periodic, unref'd sweep.
 */
export class MemoryHotStore implements HotStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: MemoryHotStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    const every = options.sweepIntervalMs ?? 30_000;
    if (every > 0) {
      this.sweepTimer = setInterval(() => this.sweep(), every);
      this.sweepTimer.unref();
    }
  }

  /** Entries held, expired ones not yet swept included (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops every expired entry; runs on a timer, public so tests need not wait for it. */
  sweep(): void {
    const now = this.now();
    for (const [key, e] of this.entries) {
      if (e.expiresAt !== null && e.expiresAt <= now) this.entries.delete(key);
    }
  }

  async get(key: string): Promise<string | null> {
    this.assertOpen();
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.assertOpen();
    checkTtlMs(ttlMs);
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    checkTtlMs(ttlMs);
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async del(key: string): Promise<void> {
    this.assertOpen();
    this.entries.delete(key);
  }

  async ttlMs(key: string): Promise<number> {
    this.assertOpen();
    const e = this.live(key);
    if (!e) return -2;
    return e.expiresAt === null ? -1 : e.expiresAt - this.now();
  }

  async incrBy(key: string, delta: number, ttlMs?: number): Promise<number> {
    this.assertOpen();
    checkDelta(delta);
    checkTtlMs(ttlMs);
    const e = this.live(key);
    const next = (e ? integerValue(key, e.value) : 0) + delta;
    // Like INCRBY: an existing key keeps its expiry; only a new one gets ttlMs.
    this.entries.set(key, { value: String(next), expiresAt: e ? e.expiresAt : this.expiry(ttlMs) });
    return next;
  }

  async hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    this.assertOpen();
    checkRateLimit(limit, windowMs);
    const e = this.live(key);
    const count = (e ? integerValue(key, e.value) : 0) + 1;
    const expiresAt = e?.expiresAt ?? this.now() + windowMs;
    this.entries.set(key, { value: String(count), expiresAt });
    return rateLimitResult(count, limit, expiresAt - this.now());
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.entries.clear();
  }

  /** The entry if present and not expired; an expired one is dropped on the way. */
  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private expiry(ttlMs: number | undefined): number | null {
    return ttlMs === undefined ? null : this.now() + ttlMs;
  }

  private assertOpen(): void {
    if (this.closed) throw hotStoreClosedError();
  }
}

/** Redis refuses INCR on a non-integer; so do we, with the error RedisHotStore maps it to. */
function integerValue(key: string, value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new AppError(500, 'INTERNAL', `Hot-store command failed: value of ${key} is not an integer`);
  }
  return n;
}
