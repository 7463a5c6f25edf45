import type { RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import { koaStep, type KoaStep } from '../../core/koa-pipeline';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';

/**
 * Route guard: the caller must hold one of `allowed` (any scope). Runs after requireAuth. Grants
 * come through RoleService's guard cache, so a verifier scanning all day costs no MySQL query per
 * scan.
 */
export function requireAnyRole(roles: RoleService, allowed: readonly RoleName[]): KoaStep {
  const message = `Requires one of the roles ${allowed.join(', ')}`;
  return koaStep(async (x) => {
    const grants = await roles.guardRolesOf((x.state.auth as AuthState).accountId);
    if (!grants.some((g) => allowed.includes(g.role))) throw new AppError(403, 'FORBIDDEN', message);
    x.state.roles = grants;
  });
}
