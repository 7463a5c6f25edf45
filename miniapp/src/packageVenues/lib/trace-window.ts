import { chinaDateOf } from '../../utils/china-time';

const DAY_MS = 86_400_000;

/** The default window: the last 4 days through today (China dates), as officials usually start. */
export function defaultTraceDays(now: number): { from: string; until: string } {
  return { from: chinaDateOf(now - 4 * DAY_MS), until: chinaDateOf(now) };
}

/**
 * China calendar days → the window's instants: from the first day's 00:00 to the last day's end
 * (or now, when the last day is today: nobody has checked in in the future).
 */
export function traceWindow(fromDay: string, untilDay: string, now: number): { from: string; until: string } {
  const from = `${fromDay.trim()}T00:00:00+08:00`;
  const endOfDay = Date.parse(`${untilDay.trim()}T23:59:59+08:00`);
  const until = Number.isFinite(endOfDay) && endOfDay > now ? new Date(now).toISOString() : `${untilDay.trim()}T23:59:59+08:00`;
  return { from, until };
}
