import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { adminRoutes, apiRoutes, type GrantRoleResponse, type RoleGrantListResponse } from '@govpass/shared-types';
import { parseBody, parseQuery } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';
import { requireRole } from './require-role';

export function adminRoleRoutes(roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const admin = requireRole(roles, 'admin');
  const actorOf = (state: Record<string, unknown>) => (state.auth as AuthState).accountId;
  router.post(apiRoutes.grantRole.path, authenticate, admin, async (ctx) => {
    const body = parseBody(apiRoutes.grantRole.body, ctx.request.body);
    const response: GrantRoleResponse = { accountId: body.accountId, roles: await roles.grant(actorOf(ctx.state), body, String(ctx.state.requestId)) };
    ctx.status = 201;
    ctx.body = response;
  });
  router.post(adminRoutes.revokeRole.path, authenticate, admin, async (ctx) => {
    const body = parseBody(adminRoutes.revokeRole.body, ctx.request.body);
    const response: GrantRoleResponse = { accountId: body.accountId, roles: await roles.revoke(actorOf(ctx.state), body, String(ctx.state.requestId)) };
    ctx.body = response;
  });
  router.get(adminRoutes.listRoleGrants.path, authenticate, admin, async (ctx) => {
    const response: RoleGrantListResponse = await roles.listGrants(parseQuery(adminRoutes.listRoleGrants.query, ctx.query));
    ctx.body = response;
  });
  return router;
}
