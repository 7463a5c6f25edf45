import type { Middleware } from 'koa';
import type { HotStore } from '../infra/hot-store/hot-store';
import { rateLimitKey } from '../infra/hot-store/keys';
import { AppError } from './app-error';
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
    const rule = this.rules[scope];
    if (!rule) throw new Error(`No rate rule named ${scope}`);
    const res = await this.store.hitRateLimit(rateLimitKey(scope, subject), rule.limit, rule.windowMs);
    if (!res.allowed) {
      const retryAfter = String(Math.max(1, Math.ceil(res.resetMs / 1000)));
      throw new AppError(429, 'RATE_LIMITED', 'Too many requests, please retry later', {
        headers: { 'Retry-After': retryAfter },
        details: { retryAfterSeconds: Number(retryAfter) },
      });
    }
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
