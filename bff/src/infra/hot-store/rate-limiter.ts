import type { HotStore } from './hot-store';
import { rateLimitKey } from './keys';
import { rateLimited } from '../../core/common-errors';
import { koaStep, type KoaStep } from '../../core/koa-pipeline';

/** What an authentication step leaves in `ctx.state.auth` (core knows no domain's session type). */
interface AuthenticatedCaller {
  accountId: string;
}

export interface RateRule {
  limit: number;
  windowMs: number;
}

/** Per-IP and per-account limits kept in the hot store, so they hold across BFF processes. */
export class RateLimiter {
  constructor(
    private readonly store: HotStore,
    private readonly rules: Record<string, RateRule>,
  ) {}

  async check(scope: string, subject: string): Promise<void> {
    const { key, limit, windowMs } = this.ruleFor(scope, subject);
    const res = await this.store.hitRateLimit(key, limit, windowMs);
    if (!res.allowed) throw rateLimited(res.resetMs);
  }

  /** The window a check would count in, for a caller that counts it elsewhere (booking's Lua). */
  ruleFor(scope: string, subject: string): { key: string; limit: number; windowMs: number } {
    const rule = this.rules[scope];
    if (!rule) throw new Error(`No rate rule named ${scope}`);
    return { key: rateLimitKey(scope, subject), limit: rule.limit, windowMs: rule.windowMs };
  }

  /** A route step (and Koa middleware) counting the caller's address. */
  perIp(scope: string): KoaStep {
    return koaStep((x) => this.check(scope, x.ip));
  }

  /** A route step (and Koa middleware) counting the authenticated account (after authentication). */
  perAccount(scope: string): KoaStep {
    return koaStep((x) => this.check(scope, (x.state.auth as AuthenticatedCaller).accountId));
  }
}
