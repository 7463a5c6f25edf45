import type { RoleGrant, RoleName } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';

/**
 * Hall staff and managers are scoped to one hall (their grant's scopeId is the hall id); admins
 * reach every hall. Throws 403 NOT_YOUR_HALL for anyone else holding one of the roles.
 */
export function assertHallScope(grants: readonly RoleGrant[], hallId: string, roles: readonly RoleName[]): void {
  if (!canActInHall(grants, hallId, roles)) throw new AppError(403, 'NOT_YOUR_HALL', 'Staff of another hall');
}

export function canActInHall(grants: readonly RoleGrant[], hallId: string, roles: readonly RoleName[]): boolean {
  return grants.some((g) => roles.includes(g.role) && (g.role === 'admin' || g.scopeId === hallId));
}

/** The halls a caller manages: null = all (admin). */
export function managedHalls(grants: readonly RoleGrant[]): string[] | null {
  if (grants.some((g) => g.role === 'admin')) return null;
  return grants.filter((g) => g.role === 'hall_manager' && g.scopeId).map((g) => g.scopeId as string);
}
