import type { Middleware } from 'koa';
import type { HotStore } from '../infra/hot-store/hot-store';
import { rateLimitKey } from '../infra/hot-store/keys';
import { rateLimited } from './common-errors';
import type { AuthState } from '../domains/auth/require-auth';

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

  perIp(scope: string): Middleware {
    return async (ctx, next) => {
      await this.check(scope, ctx.ip);
      await next();
    };
  }

  perAccount(scope: string): Middleware {
    return async (ctx, next) => {
      await this.check(scope, (ctx.state.auth as AuthState).accountId);
      await next();
    };
  }
}
