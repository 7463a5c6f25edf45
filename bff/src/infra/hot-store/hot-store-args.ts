import type { RateLimitResult } from './hot-store';

/**
 * Argument checks shared by every HotStore implementation, so that a bad call fails the same way
 * (RangeError, a bug in the caller) on the embedded store as on Redis, instead of Redis answering
 * "invalid expire time" in production only.
 */
function positiveInt(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

export function checkTtlMs(ttlMs: number | undefined): void {
  if (ttlMs !== undefined) positiveInt('ttlMs', ttlMs);
}

export function checkDelta(delta: number): void {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`delta must be an integer, got ${delta}`);
}

export function checkRateLimit(limit: number, windowMs: number): void {
  positiveInt('limit', limit);
  positiveInt('windowMs', windowMs);
}

/** The result both implementations derive from the window's hit count and remaining time. */
export function rateLimitResult(count: number, limit: number, resetMs: number): RateLimitResult {
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetMs };
}
