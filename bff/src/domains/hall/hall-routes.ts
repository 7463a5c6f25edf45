import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { hallRoutes as routes, type RoleGrant } from '@govpass/shared-types';
import type { Exchange } from '../../core/pipeline';
import { parseBody, parseParams, parseQuery } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import { requireAnyRole } from '../roles/require-any-role';
import type { RoleService } from '../roles/role-service';
import type { HallAdminService, Operator } from './registry/hall-admin-service';
import type { HallReadService } from './registry/hall-read-service';
import { assertHallScope } from './hall-scope';

export function operatorOf(ctx: Context): Operator {
  return { accountId: (ctx.state.auth as AuthState).accountId, grants: (ctx.state.roles ?? []) as RoleGrant[], requestId: ctx.state.requestId ? String(ctx.state.requestId) : null };
}

/** The same operator for a declared route's step (the lane keeps the request id on the exchange, not in state). */
export function operatorOfExchange(x: Exchange): Operator {
  return { accountId: (x.state.auth as AuthState).accountId, grants: (x.state.roles ?? []) as RoleGrant[], requestId: x.requestId || null };
}

/** Public hall reads and the registry's admin API (admin; hall managers for their hall). */
export function hallRegistryRoutes(reads: HallReadService, admin: HallAdminService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const managers = requireAnyRole(roles, routes.adminListHalls.roles);
  const admins = requireAnyRole(roles, routes.createHall.roles);
  router.get(routes.listHalls.path, async (ctx) => {
    const query = parseQuery(routes.listHalls.query, ctx.query);
    ctx.set('Cache-Control', 'public, max-age=5');
    ctx.body = { items: await reads.list(query) };
  });
  router.get(routes.getHall.path, async (ctx) => {
    const { hallId } = parseParams(routes.getHall.params, ctx.params);
    ctx.set('Cache-Control', 'public, max-age=5');
    ctx.body = await reads.detail(hallId);
  });
  router.get(routes.etaError.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.etaError.params, ctx.params);
    const { days } = parseQuery(routes.etaError.query, ctx.query);
    assertHallScope(operatorOf(ctx).grants, hallId, routes.etaError.roles);
    ctx.body = await reads.etaError(hallId, days);
  });
  router.get(routes.adminListHalls.path, authenticate, managers, async (ctx) => {
    ctx.body = { items: await admin.listHalls(operatorOf(ctx)) };
  });
  router.post(routes.importHalls.path, authenticate, admins, async (ctx) => {
    const { csv } = parseBody(routes.importHalls.body, ctx.request.body);
    ctx.body = await admin.importCsv(operatorOf(ctx).accountId, csv);
  });
  router.get(routes.adminGetHall.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.adminGetHall.params, ctx.params);
    ctx.body = await admin.getHall(operatorOf(ctx), hallId);
  });
  router.post(routes.createHall.path, authenticate, admins, async (ctx) => {
    const body = parseBody(routes.createHall.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = { hall: await admin.createHall(operatorOf(ctx), body) };
  });
  router.put(routes.updateHall.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.updateHall.params, ctx.params);
    ctx.body = { hall: await admin.updateHall(operatorOf(ctx), hallId, parseBody(routes.updateHall.body, ctx.request.body)) };
  });
  router.post(routes.createService.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.createService.params, ctx.params);
    const body = parseBody(routes.createService.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = { service: await admin.createService(operatorOf(ctx), hallId, body) };
  });
  router.put(routes.updateService.path, authenticate, managers, async (ctx) => {
    const { serviceId } = parseParams(routes.updateService.params, ctx.params);
    ctx.body = { service: await admin.updateService(operatorOf(ctx), serviceId, parseBody(routes.updateService.body, ctx.request.body)) };
  });
  router.post(routes.createWindow.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.createWindow.params, ctx.params);
    const body = parseBody(routes.createWindow.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = { window: await admin.createWindow(operatorOf(ctx), hallId, body) };
  });
  router.put(routes.updateWindow.path, authenticate, managers, async (ctx) => {
    const { windowId } = parseParams(routes.updateWindow.params, ctx.params);
    ctx.body = { window: await admin.updateWindow(operatorOf(ctx), windowId, parseBody(routes.updateWindow.body, ctx.request.body)) };
  });
  return router;
}
