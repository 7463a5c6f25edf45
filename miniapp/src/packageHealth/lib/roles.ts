import type { RoleName } from '@govpass/shared-types';
import { VERIFYING_ROLES } from '../../api/code-contract';

export const OFFICIAL_ROLES: readonly RoleName[] = ['health_official', 'admin'];

export function holdsAny(roles: readonly { role: RoleName }[] | undefined, wanted: readonly RoleName[]): boolean {
  return (roles ?? []).some((g) => wanted.includes(g.role));
}

export const isVerifier = (roles: readonly { role: RoleName }[] | undefined) => holdsAny(roles, VERIFYING_ROLES);
export const isOfficial = (roles: readonly { role: RoleName }[] | undefined) => holdsAny(roles, OFFICIAL_ROLES);
