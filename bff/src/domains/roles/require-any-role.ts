import type { Middleware } from 'koa';
import type { RoleGrant, RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuthState } from '../auth/require-auth';
import type { RoleService } from './role-service';

export interface RequireAnyRoleOptions {
  /**
   * Keep an account's grants that passed this guard for this long in process, so a busy staff
   * route (a verifier scans all day) does not read MySQL per request. Refusals are never cached:
   * a grant counts at once; a revoked grant may count for up to this long. 0 = read every time.
   */
  cacheMs?: number;
  now?: () => number;
  /** Bound of the cache (accounts). */
  maxEntries?: number;
}

/** Route guard: the caller must hold one of `allowed` (any scope). Runs after requireAuth. */
export function requireAnyRole(roles: RoleService, allowed: readonly RoleName[], opts: RequireAnyRoleOptions = {}): Middleware {
  const { cacheMs = 0, now = Date.now, maxEntries = 10_000 } = opts;
  const passed = new Map<string, { grants: RoleGrant[]; until: number }>();
  const message = `Requires one of the roles ${allowed.join(', ')}`;

  async function grantsPassing(accountId: string): Promise<RoleGrant[] | null> {
    const hit = passed.get(accountId);
    if (hit && hit.until > now()) return hit.grants;
    const grants = await roles.rolesOf(accountId);
    if (!grants.some((g) => allowed.includes(g.role))) {
      passed.delete(accountId);
      return null;
    }
    if (cacheMs > 0) {
      passed.delete(accountId);
      if (passed.size >= maxEntries) passed.delete(passed.keys().next().value as string);
      passed.set(accountId, { grants, until: now() + cacheMs });
    }
    return grants;
  }

  return async (ctx, next) => {
    const grants = await grantsPassing((ctx.state.auth as AuthState).accountId);
    if (!grants) throw new AppError(403, 'FORBIDDEN', message);
    ctx.state.roles = grants;
    await next();
  };
}
