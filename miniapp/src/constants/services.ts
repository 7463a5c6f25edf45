import type { RoleGrant, RoleName } from '@govpass/shared-types';

export type ServiceKey =
  | 'mask'
  | 'redeem'
  | 'healthCode'
  | 'verify'
  | 'healthImport'
  | 'healthAppeals'
  | 'venueCheckin'
  | 'myVenues'
  | 'venueTrace'
  | 'scan'
  | 'queue'
  | 'hallConsole'
  | 'hallManage'
  | 'profile'
  | 'posters'
  | 'adminConsole';

export interface ServiceEntry {
  key: ServiceKey;
  label: string;
  /** One character drawn in the coloured circle: no icon assets in the main package. */
  glyph: string;
  color: string;
  /** Shown only to accounts holding one of these roles. */
  roles?: readonly RoleName[];
}

/**
 * Who may verify personal codes: the same list as VERIFYING_ROLES in shared-types (code-routes.ts;
 * a test keeps them equal), spelled out so the main package needs no code-route schemas.
 */
export const VERIFIER_ROLES: readonly RoleName[] = ['verifier', 'venue_manager', 'window_staff', 'health_official', 'admin'];
const OFFICIALS: readonly RoleName[] = ['health_official', 'admin'];
const VENUE_MANAGERS: readonly RoleName[] = ['venue_manager', 'admin'];

// Icon colours carry white glyphs at ≥ 4.5 : 1 (关怀模式 contrast test).
export const services: readonly ServiceEntry[] = [
  { key: 'mask', label: '口罩预约', glyph: '罩', color: '#1366d6' },
  { key: 'redeem', label: '扫码核销', glyph: '核', color: '#c41d7f', roles: ['pharmacist'] },
  { key: 'healthCode', label: '健康码', glyph: '码', color: '#007a4d' },
  { key: 'verify', label: '健康码核验', glyph: '验', color: '#237804', roles: VERIFIER_ROLES },
  { key: 'healthImport', label: '数据导入', glyph: '导', color: '#531dab', roles: OFFICIALS },
  { key: 'healthAppeals', label: '申诉处理', glyph: '诉', color: '#9e1068', roles: OFFICIALS },
  { key: 'posters', label: '扫码海报', glyph: '印', color: '#006d75', roles: ['admin'] },
  { key: 'venueCheckin', label: '场所码', glyph: '场', color: '#00704a' },
  { key: 'myVenues', label: '我的场所', glyph: '店', color: '#ad4e00', roles: VENUE_MANAGERS },
  { key: 'venueTrace', label: '流调', glyph: '调', color: '#cf1322', roles: OFFICIALS },
  { key: 'scan', label: '扫一扫', glyph: '扫', color: '#b3540b' },
  { key: 'queue', label: '办事大厅', glyph: '厅', color: '#722ed1' },
  { key: 'hallConsole', label: '窗口叫号', glyph: '叫', color: '#a34700', roles: ['window_staff', 'hall_manager'] },
  { key: 'hallManage', label: '大厅管理', glyph: '评', color: '#5b2bb5', roles: ['hall_manager'] },
  { key: 'adminConsole', label: '管理后台', glyph: '管', color: '#1d39c4', roles: ['admin'] },
  { key: 'profile', label: '我的', glyph: '我', color: '#00606b' },
];

/** The entries this account sees: role-bound ones (扫码核销 for pharmacists, 核验 for staff) only with a role. */
export function visibleServices(roles: readonly RoleGrant[] | undefined): ServiceEntry[] {
  return services.filter((s) => !s.roles || (roles ?? []).some((g) => s.roles?.includes(g.role)));
}

/** Element ids for end-to-end tests: service-mask, service-health-code, … */
export function serviceElementId(key: ServiceKey): string {
  return `service-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
