export type ServiceKey = 'mask' | 'healthCode' | 'scan' | 'queue' | 'profile';

export interface ServiceEntry {
  key: ServiceKey;
  label: string;
  /** One character drawn in the coloured circle: no icon assets in the main package. */
  glyph: string;
  color: string;
}

export const services: readonly ServiceEntry[] = [
  { key: 'mask', label: '口罩预约', glyph: '罩', color: '#1677ff' },
  { key: 'healthCode', label: '健康码', glyph: '码', color: '#00b578' },
  { key: 'scan', label: '扫一扫', glyph: '扫', color: '#fa8c16' },
  { key: 'queue', label: '预约取号', glyph: '号', color: '#722ed1' },
  { key: 'profile', label: '我的', glyph: '我', color: '#13c2c2' },
];

/** Element ids for end-to-end tests: service-mask, service-health-code, … */
export function serviceElementId(key: ServiceKey): string {
  return `service-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
