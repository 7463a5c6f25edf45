import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes, rightsRoutes, type LogoutResponse } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { RateLimiter } from '../../infra/hot-store/rate-limiter';
import type { AuthService } from './auth-service';
import type { AuthState } from './require-auth';
import type { SessionService } from './session-service';

export function authRoutes(auth: AuthService, limiter: RateLimiter, sessions?: SessionService, authenticate?: Middleware): Router {
  const router = new Router();
  router.post(apiRoutes.login.path, limiter.perIp('login'), async (ctx) => {
    const body = parseBody(apiRoutes.login.body, ctx.request.body);
    ctx.body = await auth.login(body, ctx.ip);
  });
  if (sessions && authenticate) {
    router.post(rightsRoutes.logout.path, authenticate, async (ctx) => {
      const { accountId, token } = ctx.state.auth as AuthState;
      await sessions.revokeCurrent(accountId, token, String(ctx.state.requestId));
      const body: LogoutResponse = { loggedOut: true };
      ctx.body = body;
    });
  }
  return router;
}
