import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes, type GrantRoleResponse } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';
import { requireRole } from './require-role';

export function adminRoleRoutes(roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  router.post(apiRoutes.grantRole.path, authenticate, requireRole(roles, 'admin'), async (ctx) => {
    const body = parseBody(apiRoutes.grantRole.body, ctx.request.body);
    const actor = (ctx.state.auth as AuthState).accountId;
    const response: GrantRoleResponse = { accountId: body.accountId, roles: await roles.grant(actor, body, String(ctx.state.requestId)) };
    ctx.status = 201;
    ctx.body = response;
  });
  return router;
}
