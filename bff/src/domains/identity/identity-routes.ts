import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes, type BindIdentityResponse } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { RateLimiter } from '../../core/rate-limiter';
import type { AuthState } from '../auth/require-auth';
import type { IdentityService } from './identity-service';

export function identityRoutes(identity: IdentityService, authenticate: Middleware, limiter: RateLimiter): Router {
  const router = new Router();
  router.post(apiRoutes.bindIdentity.path, authenticate, limiter.perAccount('identity'), async (ctx) => {
    const body = parseBody(apiRoutes.bindIdentity.body, ctx.request.body);
    const auth = ctx.state.auth as AuthState;
    const response: BindIdentityResponse = { verified: true, identity: await identity.bind(auth.accountId, body) };
    ctx.body = response;
  });
  return router;
}
