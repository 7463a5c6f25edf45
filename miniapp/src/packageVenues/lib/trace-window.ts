import { chinaDateOf } from '../../utils/china-time';

const DAY_MS = 86_400_000;

/** The default window: the last 4 days through today (China dates), as officials usually start. */
export function defaultTraceDays(now: number): { from: string; until: string } {
  return { from: chinaDateOf(now - 4 * DAY_MS), until: chinaDateOf(now) };
}

/**
 * China calendar days → the window's instants: the first day's 00:00 to the last day's 23:59:59.
 * Whole days, so running the same case and days again is the same trace (the BFF answers it as a
 * re-run and notifies nobody twice).
 */
export function traceWindow(fromDay: string, untilDay: string): { from: string; until: string } {
  return { from: `${fromDay.trim()}T00:00:00+08:00`, until: `${untilDay.trim()}T23:59:59+08:00` };
}
