/**
 * Calendar days are China Standard Time (UTC+8, no daylight saving), whatever the server's TZ:
 * "pickup tomorrow" and "14 days after contact" are counted in the province's calendar.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The China day of the last call: every hot route asks (a check-in, a ticket), nearly always for today. */
let lastDay = { from: 1, until: 0, date: '' };

/** YYYY-MM-DD in China time of an epoch-ms instant. */
export function chinaDateOf(ms: number): string {
  if (ms >= lastDay.from && ms < lastDay.until) return lastDay.date;
  const date = new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
  const from = Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
  lastDay = { from, until: from + DAY_MS, date };
  return date;
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
