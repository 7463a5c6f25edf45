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

/** Mean and deviation of a service's occupancy, minutes (the expected duration until enough are measured). */
export interface EtaStats {
  mu: number;
  sigma: number;
  measured: boolean;
}

export function etaStats(samplesMs: readonly number[], expectedMinutes: number): EtaStats {
  if (samplesMs.length < MIN_SAMPLES) return { mu: expectedMinutes, sigma: expectedMinutes / 2, measured: false };
  const minutes = samplesMs.map((ms) => ms / 60_000);
  const mu = minutes.reduce((a, b) => a + b, 0) / minutes.length;
  return { mu, sigma: Math.sqrt(minutes.reduce((a, b) => a + (b - mu) ** 2, 0) / (minutes.length - 1)), measured: true };
}

/**
 * The wait left as a range, from the hall's own measured service times. With m windows busy, the
 * ticket at position p is called at the p-th time a window frees up: on average (p − ½)·μ/m (the
 * windows are half-way through their current person), spread σ·√p/m. P90 adds 1.28 standard
 * deviations and a fifth for tickets that will still overtake (appointments, priority) while waiting.
 * Calibrated on the simulated day (eta-simulation.test.ts).
 */
export function estimateEta(input: EtaInput, stats: EtaStats = etaStats(input.samplesMs, input.expectedMinutes)): EtaRange {
  const { mu, sigma, measured } = stats;
  const m = Math.max(1, input.openWindows);
  const p = Math.max(1, input.position);
  const p50 = Math.max(0, ((p - 0.5) * mu) / m);
  const p90 = p50 + (Z90 * sigma * Math.sqrt(p)) / m + 0.2 * p50;
  return { p50Min: Math.round(p50), p90Min: Math.max(Math.round(p50) + 1, Math.ceil(p90)), basis: measured ? 'measured' : 'expected' };
}

