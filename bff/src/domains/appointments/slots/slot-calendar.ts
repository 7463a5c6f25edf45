import { addDays, chinaMidnight } from '../../../core/china-date';
import type { OpeningPeriod } from '../appointment-ports';

/*
 * Slots and days on the hall's wall clock (China time). Pure functions, tested in a table.
 */

const MINUTE_MS = 60_000;

/** '09:30' → 570. */
export function minuteOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** 570 → '09:30'. */
export function timeOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export interface SlotSpan {
  startMinute: number;
  endMinute: number;
}

/** Whole slots of `slotMinutes` inside each opening period; a remainder shorter than a slot is left out. */
export function slotsOfDay(periods: readonly OpeningPeriod[], slotMinutes: number): SlotSpan[] {
  const out: SlotSpan[] = [];
  const sorted = [...periods].sort((a, b) => minuteOf(a.opens) - minuteOf(b.opens));
  for (const p of sorted) {
    const closes = minuteOf(p.closes);
    for (let t = minuteOf(p.opens); t + slotMinutes <= closes; t += slotMinutes) out.push({ startMinute: t, endMinute: t + slotMinutes });
  }
  return out;
}

/** Epoch ms of a wall-clock minute of a China date. */
export function instantOf(date: string, minute: number): number {
  return chinaMidnight(date) + minute * MINUTE_MS;
}

/**
 * The next `count` working days after `today` (working day = a day the hall opens), looking at
 * most `horizonDays` calendar days ahead.
 */
export async function nextWorkingDays(today: string, count: number, isOpen: (date: string) => Promise<boolean>, horizonDays = 60): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= horizonDays && out.length < count; i++) {
    const date = addDays(today, i);
    if (await isOpen(date)) out.push(date);
  }
  return out;
}

/** Monday–Friday: the office week a follow-up deadline is counted in. */
export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The same wall-clock time `days` weekdays after `ms` (a follow-up's deadline). */
export function addWeekdays(ms: number, days: number, chinaDate: (ms: number) => string): number {
  let date = chinaDate(ms);
  let left = days;
  let calendarDays = 0;
  while (left > 0) {
    date = addDays(date, 1);
    calendarDays += 1;
    if (isWeekday(date)) left -= 1;
  }
  return ms + calendarDays * 86_400_000;
}
