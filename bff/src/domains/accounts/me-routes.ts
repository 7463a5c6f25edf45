import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes, type MeResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuthState } from '../auth/require-auth';
import type { IdentityService } from '../identity/identity-service';
import type { RoleService } from '../roles/role-service';
import type { AccountStore } from './account-store';

export function meRoutes(accounts: AccountStore, identity: IdentityService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(apiRoutes.me.path, authenticate, async (ctx) => {
    const auth = ctx.state.auth as AuthState;
    const account = await accounts.findById(auth.accountId);
    if (!account) throw new AppError(401, 'UNAUTHENTICATED', 'Account no longer exists');
    const body: MeResponse = {
      account: { id: account.id, channel: account.channel, createdAt: new Date(account.createdAt).toISOString() },
      verified: account.personId !== null,
      identity: await identity.maskedIdentityOf(account.personId),
      roles: await roles.rolesOf(account.id),
    };
    ctx.body = body;
  });
  return router;
}
