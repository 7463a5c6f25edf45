import type { Middleware } from 'koa';
import type { RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from '../roles/role-service';

/**
 * Route guard for a hall's staff: an admin anywhere, or one of `roles` granted for THIS hall
 * (the route's :hallId). Runs after requireAuth.
 */
export function requireHallRole(roles: RoleService, allowed: readonly RoleName[]): Middleware {
  return async (ctx, next) => {
    const grants = await roles.guardRolesOf((ctx.state.auth as AuthState).accountId);
    const hallId = String((ctx.params as Record<string, string>).hallId ?? '');
    const ok = grants.some((g) => (g.role === 'admin' && allowed.includes('admin')) || (allowed.includes(g.role) && g.role !== 'admin' && g.scopeId === hallId));
    if (!ok) throw new AppError(403, 'FORBIDDEN', `Requires one of the roles ${allowed.join(', ')} for this hall`);
    ctx.state.roles = grants;
    await next();
  };
}
