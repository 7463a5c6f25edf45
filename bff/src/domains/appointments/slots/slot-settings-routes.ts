import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { appointmentRoutes as routes, HALL_MANAGER_ROLES } from '@govpass/shared-types';
import { parseBody, parseParams } from '../../../core/validate';
import type { AuthState } from '../../auth/require-auth';
import type { RoleService } from '../../roles/role-service';
import { requireHallRole } from '../require-hall-role';
import type { SlotSettingsService } from './slot-settings-service';

const actorOf = (ctx: Context) => ({ accountId: (ctx.state.auth as AuthState).accountId, requestId: ctx.state.requestId ? String(ctx.state.requestId) : null });

/** Slot length and places per service: the hall's managers and admins. */
export function slotSettingsRoutes(settings: SlotSettingsService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const managers = requireHallRole(roles, HALL_MANAGER_ROLES);
  router.get(routes.listSlotSettings.path, authenticate, managers, async (ctx) => {
    const { hallId } = parseParams(routes.listSlotSettings.params, ctx.params);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { items: await settings.list(hallId) };
  });
  router.put(routes.setSlotSettings.path, authenticate, managers, async (ctx) => {
    const { hallId, serviceId } = parseParams(routes.setSlotSettings.params, ctx.params);
    const body = parseBody(routes.setSlotSettings.body, ctx.request.body);
    ctx.body = { settings: await settings.set(actorOf(ctx), hallId, serviceId, body) };
  });
  return router;
}
