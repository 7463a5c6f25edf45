import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { parseBody, parseParams } from '../../../core/validate';
import type { RoleService } from '../../roles/role-service';
import { requireRole } from '../../roles/require-role';
import { maskRoundRoutes as routes, type RoundActionResponse, type RoundResponse } from '../shared/mask-contract';
import { operatorOf } from '../shared/request-context';
import type { RoundLifecycleService } from './round-lifecycle-service';

/** Edit before opening, close early, cancel: administrators only, every call audited by the service. */
export function roundLifecycleRoutes(lifecycle: RoundLifecycleService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const admin = requireRole(roles, 'admin');

  router.patch(routes.adminUpdateRound.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(routes.adminUpdateRound.params, ctx.params);
    const req = parseBody(routes.adminUpdateRound.body, ctx.request.body);
    const body: RoundResponse = { round: await lifecycle.update(operatorOf(ctx), id, req) };
    ctx.body = body;
  });
  router.post(routes.adminCloseRound.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(routes.adminCloseRound.params, ctx.params);
    const { reason } = parseBody(routes.adminCloseRound.body, ctx.request.body);
    const body: RoundActionResponse = await lifecycle.close(operatorOf(ctx), id, reason);
    ctx.body = body;
  });
  router.post(routes.adminCancelRound.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(routes.adminCancelRound.params, ctx.params);
    const { reason } = parseBody(routes.adminCancelRound.body, ctx.request.body);
    const body: RoundActionResponse = await lifecycle.cancel(operatorOf(ctx), id, reason);
    ctx.body = body;
  });
  return router;
}
