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

export function describeRole(grant: RoleGrant): string {
  const label = roleLabels[grant.role] ?? grant.role;
  return grant.scopeId ? `${label}（${grant.scopeId}）` : label;
}
