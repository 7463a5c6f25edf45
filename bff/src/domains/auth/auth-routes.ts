import { Router } from '@koa/router';
import { apiRoutes } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { RateLimiter } from '../../infra/hot-store/rate-limiter';
import type { AuthService } from './auth-service';

export function authRoutes(auth: AuthService, limiter: RateLimiter): Router {
  const router = new Router();
  router.post(apiRoutes.login.path, limiter.perIp('login'), async (ctx) => {
    const body = parseBody(apiRoutes.login.body, ctx.request.body);
    ctx.body = await auth.login(body);
  });
  return router;
}
