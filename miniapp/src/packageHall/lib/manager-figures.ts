import type { Bar } from '../components/bar-chart';
import type { StatsRow } from './hall-manager-gateway';

/** The figures a manager compares across services or windows, each drawn as bars. */
export type StatsMetric = 'served' | 'wait' | 'service' | 'noShows' | 'satisfaction' | 'eta';

export const STATS_METRICS: { value: StatsMetric; label: string }[] = [
  { value: 'served', label: '办结量' },
  { value: 'wait', label: '平均等候' },
  { value: 'service', label: '平均办理' },
  { value: 'noShows', label: '未到/过号' },
  { value: 'satisfaction', label: '满意度' },
  { value: 'eta', label: '预估误差' },
];

/** Below this share of 满意/非常满意 a bar is drawn red. */
export const SATISFACTION_WARN = 0.8;

export function minutesText(min: number): string {
  return `${Math.round(min * 10) / 10}分钟`;
}

export function percentText(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** One bar per row for the chosen metric; the max of the satisfaction scale is 100 %. */
export function barsOf(rows: StatsRow[], metric: StatsMetric): { bars: Bar[]; max?: number } {
  const bar = (r: StatsRow, value: number | null, text: (v: number) => string, warn = false): Bar => ({ key: r.id, label: r.name, value, text: value === null ? '' : text(value), warn });
  switch (metric) {
    case 'served':
      return { bars: rows.map((r) => bar(r, r.served, (v) => `${v}人`)) };
    case 'wait':
      return { bars: rows.map((r) => bar(r, r.avgWaitMin, minutesText)) };
    case 'service':
      return { bars: rows.map((r) => bar(r, r.avgServiceMin, minutesText)) };
    case 'noShows':
      return { bars: rows.map((r) => bar(r, r.noShows, (v) => `${v}人`)) };
    case 'satisfaction':
      return { bars: rows.map((r) => bar(r, r.satisfaction, (v) => `${percentText(v)}（${r.ratings}条）`, r.satisfaction !== null && r.satisfaction < SATISFACTION_WARN)), max: 1 };
    case 'eta':
      return { bars: rows.map((r) => bar(r, r.etaErrorP50Min, (v) => `差${minutesText(v)}`)) };
  }
}
