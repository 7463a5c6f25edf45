import type { HotStore } from './hot-store';
import { rateLimitKey } from './keys';

export interface LockoutRule {
  /** Failures allowed per window; the one that reaches it locks the subject. */
  limit: number;
  windowMs: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export interface FailureOutcome {
  /** Failures in the current window, this one included. */
  failures: number;
  /** True when this failure locked the subject (reported once, by the failure that did it). */
  lockedNow: boolean;
  /** Epoch ms the lock ends, when locked. */
  lockedUntil: number | null;
}

/**
 * Failures limited per subject (wrong codes a pharmacist types, say), on the rate-limit windows of
 * the hot store: `limit` failures within `windowMs` lock the subject for `lockMs`. Successes are
 * not counted. Across BFF processes, because the counts and the lock live in the hot store.
 */
export class FailureLockout {
  constructor(
    private readonly store: HotStore,
    private readonly scope: string,
    private readonly rule: LockoutRule,
    private readonly now: () => number,
  ) {}

  /** Milliseconds the subject stays locked; 0 when it is not. */
  async lockedForMs(subject: string): Promise<number> {
    const ttl = await this.store.ttlMs(this.lockKey(subject));
    return ttl > 0 ? ttl : 0;
  }

  async fail(subject: string): Promise<FailureOutcome> {
    const hit = await this.store.hitRateLimit(rateLimitKey(this.scope, subject), this.rule.limit, this.rule.windowMs);
    const failures = this.rule.limit - hit.remaining;
    if (hit.remaining > 0) return { failures, lockedNow: false, lockedUntil: null };
    const lockedUntil = this.now() + this.rule.lockMs;
    const lockedNow = await this.store.setIfAbsent(this.lockKey(subject), String(lockedUntil), this.rule.lockMs);
    if (lockedNow) await this.store.del(rateLimitKey(this.scope, subject));
    return { failures, lockedNow, lockedUntil };
  }

  private lockKey(subject: string): string {
    return rateLimitKey(`${this.scope}-lock`, subject);
  }
}
