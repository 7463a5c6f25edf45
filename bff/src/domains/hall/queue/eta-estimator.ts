import type { EtaRange } from '@govpass/shared-types';

/** Fewer measured calls than this and the service's expected duration is used instead. */
export const MIN_SAMPLES = 5;
const Z90 = 1.2816;

export interface EtaInput {
  /** 1 = next to be called. */
  position: number;
  /** Windows open for the service now (at least 1 is assumed). */
  openWindows: number;
  /** Recent window occupancy per call of the service, ms (called → done / no-show). */
  samplesMs: readonly number[];
  expectedMinutes: number;
}

/**
 * The wait left as a range, from the hall's own measured service times. With m windows busy, the
 * ticket at position p is called at the p-th time a window frees up: on average (p − ½)·μ/m (the
 * windows are half-way through their current person), spread σ·√p/m. P90 adds 1.28 standard
 * deviations and a fifth for tickets that will still overtake (appointments, priority) while waiting.
 * Calibrated on the simulated day (eta-simulation.test.ts).
 */
export function estimateEta(input: EtaInput): EtaRange {
  const measured = input.samplesMs.length >= MIN_SAMPLES;
  const { mu, sigma } = measured ? measuredStats(input.samplesMs) : { mu: input.expectedMinutes, sigma: input.expectedMinutes / 2 };
  const m = Math.max(1, input.openWindows);
  const p = Math.max(1, input.position);
  const p50 = Math.max(0, ((p - 0.5) * mu) / m);
  const p90 = p50 + (Z90 * sigma * Math.sqrt(p)) / m + 0.2 * p50;
  return { p50Min: Math.round(p50), p90Min: Math.max(Math.round(p50) + 1, Math.ceil(p90)), basis: measured ? 'measured' : 'expected' };
}

/**
 * Mean and deviation of a sample list, in minutes, remembered per list: a hall-day's queue view
 * holds one list per service for its whole life, and every live read of that view asks again.
 */
const statsOf = new WeakMap<readonly number[], { mu: number; sigma: number }>();

function measuredStats(samplesMs: readonly number[]): { mu: number; sigma: number } {
  const known = statsOf.get(samplesMs);
  if (known) return known;
  const minutes = samplesMs.map((ms) => ms / 60_000);
  const mu = minutes.reduce((a, b) => a + b, 0) / minutes.length;
  const stats = { mu, sigma: Math.sqrt(minutes.reduce((a, b) => a + (b - mu) ** 2, 0) / (minutes.length - 1)) };
  statsOf.set(samplesMs, stats);
  return stats;
}
