import type { RoleGrant, RoleName } from '@govpass/shared-types';

export const roleLabels: Readonly<Record<RoleName, string>> = {
  citizen: '市民',
  admin: '管理员',
  pharmacist: '药店核销员',
  venue_manager: '场所管理员',
  window_staff: '窗口工作人员',
  health_official: '卫健工作人员',
  verifier: '核验员',
  hall_manager: '大厅管理员',
};

/**
 * Each role once, in Chinese. A scope is an internal id (often a UUID), which means nothing to
 * a person and must not be shown: several scopes of one role read as a count (药店核销员（2处）).
 */
export function describeRoles(grants: readonly RoleGrant[]): string[] {
  const counts = new Map<RoleName, number>();
  for (const g of grants) counts.set(g.role, (counts.get(g.role) ?? 0) + 1);
  return Array.from(counts, ([role, n]) => {
    const label = roleLabels[role] ?? '工作人员';
    return n > 1 ? `${label}（${n}处）` : label;
  });
}

/** One grant for the administrator's console, which needs the scope to tell grants apart. */
export function describeRole(grant: RoleGrant): string {
  const label = roleLabels[grant.role] ?? grant.role;
  return grant.scopeId ? `${label}（${grant.scopeId}）` : label;
}
