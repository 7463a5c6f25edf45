/**
 * Calendar days are China Standard Time (UTC+8, no daylight saving), whatever the server's TZ:
 * "pickup tomorrow" and "14 days after contact" are counted in the province's calendar.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD in China time of an epoch-ms instant. */
export function chinaDateOf(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 China time on `date`. */
export function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;
}

/** A real calendar day (2026-02-30 is not). */
export function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
