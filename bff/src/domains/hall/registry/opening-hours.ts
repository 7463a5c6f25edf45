import type { Hall, OpeningPeriod } from '@govpass/shared-types';
import { chinaDateOf } from '../../../core/china-date';

const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface ChinaClock {
  /** YYYY-MM-DD in China time. */
  day: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since China midnight. */
  minute: number;
}

export function chinaClockOf(ms: number): ChinaClock {
  const local = new Date(ms + CHINA_OFFSET_MS);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { day: chinaDateOf(ms), weekday, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

type HallHours = Pick<Hall, 'openingHours' | 'closedDays'>;

/** The periods a hall is open on a China day (none on a closed day). */
export function periodsOn(hall: HallHours, day: string, weekday: number): OpeningPeriod[] {
  if (hall.closedDays.includes(day)) return [];
  return hall.openingHours.filter((p) => p.weekday === weekday).sort((a, b) => a.open.localeCompare(b.open));
}

export function todayHours(hall: HallHours, now: number): { open: string; close: string }[] {
  const c = chinaClockOf(now);
  return periodsOn(hall, c.day, c.weekday).map((p) => ({ open: p.open, close: p.close }));
}

export function isOpenAt(hall: HallHours, now: number): boolean {
  const c = chinaClockOf(now);
  return periodsOn(hall, c.day, c.weekday).some((p) => c.minute >= minuteOf(p.open) && c.minute < minuteOf(p.close));
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
