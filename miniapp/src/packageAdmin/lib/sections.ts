import type { RoleGrant, RoleName } from '@govpass/shared-types';

export type SectionKey = 'pharmacies' | 'rounds' | 'ledger' | 'roles' | 'audit';

export interface Section {
  key: SectionKey;
  label: string;
  url: string;
  /** The roles the section's API admits (the API stays the authority; this only hides entries). */
  roles: readonly RoleName[];
}

export const sections: readonly Section[] = [
  { key: 'pharmacies', label: '药店管理', url: '/packageAdmin/pages/pharmacies/index', roles: ['admin'] },
  { key: 'rounds', label: '轮次与配额', url: '/packageAdmin/pages/rounds/index', roles: ['admin'] },
  { key: 'ledger', label: '台账核对', url: '/packageAdmin/pages/ledger/index', roles: ['admin'] },
  { key: 'roles', label: '角色授权', url: '/packageAdmin/pages/roles/index', roles: ['admin'] },
  { key: 'audit', label: '操作日志', url: '/packageAdmin/pages/audit/index', roles: ['admin'] },
];

export function visibleSections(roles: readonly RoleGrant[] | undefined): Section[] {
  return sections.filter((s) => (roles ?? []).some((g) => s.roles.includes(g.role)));
}
