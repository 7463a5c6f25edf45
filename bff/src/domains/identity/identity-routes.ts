import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes, type BindIdentityResponse } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { RateLimiter } from '../../infra/hot-store/rate-limiter';
import type { AuthState } from '../auth/require-auth';
import type { SessionStore } from '../auth/session-store';
import type { IdentityService } from './identity-service';

export function identityRoutes(identity: IdentityService, sessions: SessionStore, authenticate: Middleware, limiter: RateLimiter): Router {
  const router = new Router();
  router.post(apiRoutes.bindIdentity.path, authenticate, limiter.perAccount('identity'), async (ctx) => {
    const body = parseBody(apiRoutes.bindIdentity.body, ctx.request.body);
    const auth = ctx.state.auth as AuthState;
    const person = await identity.bindPerson(auth.accountId, body);
    await sessions.attachPerson(auth.token, person);
    const response: BindIdentityResponse = { verified: true, identity: person.identity };
    ctx.body = response;
  });
  return router;
}
