import type { Middleware } from 'koa';
import type { RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';

/**
 * Route guard: the caller must hold at least one of `roles` (any scope), else 403 FORBIDDEN.
 * Runs after requireAuth; leaves the caller's grants on ctx.state.roles.
 */
export function requireAnyRole(roles: RoleService, allowed: readonly RoleName[]): Middleware {
  return async (ctx, next) => {
    const auth = ctx.state.auth as AuthState;
    const grants = await roles.rolesOf(auth.accountId);
    if (!grants.some((g) => allowed.includes(g.role))) throw new AppError(403, 'FORBIDDEN', `Requires one of the roles ${allowed.join(', ')}`);
    ctx.state.roles = grants;
    await next();
  };
}
