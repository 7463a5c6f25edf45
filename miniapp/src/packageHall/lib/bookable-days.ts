import { addDays, chinaWeekday } from './hall-format';
import type { OpeningHours } from './hall-view';

/** The days from..to (YYYY-MM-DD) on which the hall has opening hours; at most 14. */
export function bookableDays(from: string, to: string, hours: readonly OpeningHours[]): string[] {
  const open = new Set(hours.map((h) => h.weekday));
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 14; d = addDays(d, 1)) {
    // Noon UTC of that date is the same China calendar day.
    if (open.size === 0 || open.has(chinaWeekday(Date.parse(`${d}T04:00:00Z`)))) days.push(d);
  }
  return days;
}
