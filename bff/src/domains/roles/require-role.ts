import type { Middleware } from 'koa';
import type { RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';

/**
 * Route guard: the caller must hold `role`, scoped to the place that `scopeOf` names when given
 * (a pharmacist of THIS pharmacy). Runs after requireAuth.
 */
export function requireRole(roles: RoleService, role: RoleName, scopeOf?: (ctx: Parameters<Middleware>[0]) => string | null): Middleware {
  return async (ctx, next) => {
    const auth = ctx.state.auth as AuthState;
    const grants = await roles.guardRolesOf(auth.accountId);
    const scope = scopeOf ? scopeOf(ctx) : undefined;
    const ok = grants.some((g) => g.role === role && (scope === undefined || g.scopeId === scope));
    if (!ok) throw new AppError(403, 'FORBIDDEN', `Requires role ${role}`);
    ctx.state.roles = grants;
    await next();
  };
}
