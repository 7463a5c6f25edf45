export interface HourBar {
  hour: number;
  count: number;
  /** 0–100: the bar's height as a share of the busiest hour. */
  percent: number;
}

/**
 * 24 bars from counts by hour (missing hours are 0); heights relative to the busiest hour, and a
 * non-zero hour never shorter than 4% so it stays visible next to a busy one.
 */
export function hourBars(byHour: readonly { hour: number; count: number }[]): HourBar[] {
  const counts = new Array<number>(24).fill(0);
  for (const h of byHour) if (h.hour >= 0 && h.hour < 24) counts[h.hour] += h.count;
  const max = Math.max(0, ...counts);
  return counts.map((count, hour) => ({
    hour,
    count,
    percent: max === 0 || count === 0 ? 0 : Math.max(4, Math.round((count / max) * 100)),
  }));
}

/** The busiest hour as people say it ('14时'), or null on a day without check-ins. */
export function busiestHour(bars: readonly HourBar[]): number | null {
  let best: HourBar | null = null;
  for (const b of bars) if (b.count > 0 && (!best || b.count > best.count)) best = b;
  return best ? best.hour : null;
}
