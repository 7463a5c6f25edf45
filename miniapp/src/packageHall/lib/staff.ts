import type { RoleName } from '@govpass/shared-types';

const STAFF_ROLES: readonly RoleName[] = ['window_staff', 'hall_manager'];

/** The hall a window staff member or hall manager works in (their role's scope), or null. */
export function staffHallId(roles: readonly { role: RoleName; scopeId: string | null }[] | undefined): string | null {
  return (roles ?? []).find((g) => STAFF_ROLES.includes(g.role) && g.scopeId)?.scopeId ?? null;
}

/** The hall a hall manager manages (their role's scope), or null (admins pass ?hallId=). */
export function managedHallId(roles: readonly { role: RoleName; scopeId: string | null }[] | undefined): string | null {
  return (roles ?? []).find((g) => g.role === 'hall_manager' && g.scopeId)?.scopeId ?? null;
}
