import type { RoleGrant } from '@govpass/shared-types';

export type ServiceKey = 'mask' | 'redeem' | 'healthCode' | 'scan' | 'queue' | 'profile';

export interface ServiceEntry {
  key: ServiceKey;
  label: string;
  /** One character drawn in the coloured circle: no icon assets in the main package. */
  glyph: string;
  color: string;
  /** Shown only to accounts holding this role. */
  role?: RoleGrant['role'];
}

export const services: readonly ServiceEntry[] = [
  { key: 'mask', label: '口罩预约', glyph: '罩', color: '#1677ff' },
  { key: 'redeem', label: '扫码核销', glyph: '核', color: '#eb2f96', role: 'pharmacist' },
  { key: 'healthCode', label: '健康码', glyph: '码', color: '#00b578' },
  { key: 'scan', label: '扫一扫', glyph: '扫', color: '#fa8c16' },
  { key: 'queue', label: '预约取号', glyph: '号', color: '#722ed1' },
  { key: 'profile', label: '我的', glyph: '我', color: '#13c2c2' },
];

/** The entries this account sees: role-bound ones (扫码核销 for pharmacists) only with the role. */
export function visibleServices(roles: readonly RoleGrant[] | undefined): ServiceEntry[] {
  return services.filter((s) => !s.role || (roles ?? []).some((g) => g.role === s.role));
}

/** Element ids for end-to-end tests: service-mask, service-health-code, … */
export function serviceElementId(key: ServiceKey): string {
  return `service-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
