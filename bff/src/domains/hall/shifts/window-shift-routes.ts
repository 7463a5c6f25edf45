import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { HALL_STAFF, hallRoutes as routes } from '@govpass/shared-types';
import { parseBody, parseParams } from '../../../core/validate';
import { requireAnyRole } from '../../roles/require-any-role';
import type { RoleService } from '../../roles/role-service';
import { operatorOf } from '../hall-routes';
import type { WindowShiftService } from './window-shift-service';

/** 上岗 / 下岗 at a window, the caller's sign-in, and who is at which window of a hall today. */
export function windowShiftRoutes(shifts: WindowShiftService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const staff = requireAnyRole(roles, HALL_STAFF);
  router.get(routes.myWindowShift.path, authenticate, staff, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { shift: await shifts.mine(operatorOf(ctx)) };
  });
  router.get(routes.hallWindowShifts.path, authenticate, staff, async (ctx) => {
    const { hallId } = parseParams(routes.hallWindowShifts.params, ctx.params);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { items: await shifts.ofHall(operatorOf(ctx), hallId) };
  });
  router.post(routes.signInWindow.path, authenticate, staff, async (ctx) => {
    const { windowId } = parseParams(routes.signInWindow.params, ctx.params);
    const { takeOver } = parseBody(routes.signInWindow.body, ctx.request.body ?? {});
    ctx.body = { shift: await shifts.signIn(operatorOf(ctx), windowId, takeOver) };
  });
  router.post(routes.signOutWindow.path, authenticate, staff, async (ctx) => {
    const { windowId } = parseParams(routes.signOutWindow.params, ctx.params);
    await shifts.signOut(operatorOf(ctx), windowId);
    ctx.body = { shift: null };
  });
  return router;
}
