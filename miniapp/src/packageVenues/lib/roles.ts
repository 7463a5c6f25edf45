import type { RoleName } from '@govpass/shared-types';

export const MANAGER_ROLES: readonly RoleName[] = ['venue_manager', 'admin'];
export const OFFICIAL_ROLES: readonly RoleName[] = ['health_official', 'admin'];

export function holdsAny(roles: readonly { role: RoleName }[] | undefined, wanted: readonly RoleName[]): boolean {
  return (roles ?? []).some((g) => wanted.includes(g.role));
}
