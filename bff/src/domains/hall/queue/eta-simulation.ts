import type { TicketClass } from '@govpass/shared-types';
import { estimateEta } from './eta-estimator';
import { DEFAULT_ORDER_POLICY, orderQueue, pickNext, type OrderPolicy, type QueueCandidate } from './queue-order';
import { SERVICE_TIME_SAMPLES } from './queue-store';

/*
 * A simulated hall day for the ETA: Poisson arrivals, log-normal service times, m windows calling
 * with the real ordering rule, and at each arrival the ETA range the live view would give (the real
 * estimator on the window occupancy measured so far). Reports how far the ETAs were from the calls.
 */

export interface DayParams {
  seed: number;
  /** Minutes the hall takes tickets. */
  openMinutes: number;
  windows: number;
  arrivalsPerMinute: number;
  serviceMeanMin: number;
  /** Coefficient of variation of service times. */
  serviceCv: number;
  /** The service's configured expected duration (used until 5 calls are measured). */
  expectedMinutes: number;
  appointmentShare: number;
  priorityShare: number;
  policy?: OrderPolicy;
}

export const TYPICAL_DAY: DayParams = { seed: 20261205, openMinutes: 480, windows: 3, arrivalsPerMinute: 0.26, serviceMeanMin: 10, serviceCv: 0.6, expectedMinutes: 12, appointmentShare: 0.1, priorityShare: 0.12 };

export interface EtaReport {
  tickets: number;
  /** Mean |P50 given − actual wait|, minutes. */
  meanAbsErrorMin: number;
  /** 90th percentile of |P50 given − actual wait|, minutes. */
  p90AbsErrorMin: number;
  /** Share of tickets called no later than the P90 given. */
  withinP90Share: number;
  meanWaitMin: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ticket extends QueueCandidate {
  p50: number;
  p90: number;
  calledAt: number | null;
}

const MIN = 60_000;

export function simulateDay(p: DayParams): EtaReport {
  const random = rng(p.seed);
  const sigma = Math.sqrt(Math.log(1 + p.serviceCv ** 2));
  const mu = Math.log(p.serviceMeanMin) - sigma ** 2 / 2;
  const serviceMs = () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.exp(mu + sigma * z) * MIN;
  };
  const policy = p.policy ?? DEFAULT_ORDER_POLICY;
  const arrivals: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - random()) / p.arrivalsPerMinute) * MIN;
    if (t > p.openMinutes * MIN) break;
    arrivals.push(t);
  }
  const freeAt = Array.from({ length: p.windows }, () => 0);
  const streak = Array.from({ length: p.windows }, () => 0);
  const samples: number[] = [];
  const pendingSamples: { at: number; ms: number }[] = [];
  const waiting: Ticket[] = [];
  const all: Ticket[] = [];
  let next = 0;
  let clock = 0;
  for (;;) {
    const w = freeAt.indexOf(Math.min(...freeAt));
    const arrival = next < arrivals.length ? arrivals[next] : Infinity;
    if (arrival === Infinity && waiting.length === 0) break;
    if (arrival <= Math.max(freeAt[w], clock) || waiting.length === 0) {
      const now = arrival;
      clock = now;
      measure(now);
      const r = random();
      const ticketClass: TicketClass = r < p.appointmentShare ? 'appointment' : r < p.appointmentShare + p.priorityShare ? 'priority' : 'normal';
      const t: Ticket = { ticketId: `t${next}`, serviceId: 's', ticketClass, rankAt: now, seq: next + 1, p50: 0, p90: 0, calledAt: null };
      waiting.push(t);
      const position = orderQueue(waiting, 0, now, policy).indexOf(t) + 1;
      // Windows busy past now count; a window idle now calls at once.
      const eta = idleWindow(now) ? { p50Min: 0, p90Min: 1 } : estimateEta({ position, openWindows: p.windows, samplesMs: samples, expectedMinutes: p.expectedMinutes });
      t.p50 = eta.p50Min;
      t.p90 = eta.p90Min;
      all.push(t);
      next++;
      continue;
    }
    const now = Math.max(freeAt[w], clock);
    clock = now;
    measure(now);
    const pick = pickNext(waiting, streak[w], now, policy);
    if (!pick) continue;
    streak[w] = pick.streak;
    waiting.splice(waiting.indexOf(pick.ticket as Ticket), 1);
    const called = pick.ticket as Ticket;
    called.calledAt = now;
    const ms = serviceMs();
    freeAt[w] = now + ms;
    pendingSamples.push({ at: now + ms, ms });
  }

  function idleWindow(now: number): boolean {
    return waiting.length === 1 && freeAt.some((f) => f <= now);
  }

  /** Occupancy times become known when the window completes. */
  function measure(now: number): void {
    for (let i = pendingSamples.length - 1; i >= 0; i--) {
      if (pendingSamples[i].at <= now) {
        samples.unshift(pendingSamples[i].ms);
        pendingSamples.splice(i, 1);
      }
    }
    samples.length = Math.min(samples.length, SERVICE_TIME_SAMPLES);
  }

  const errors = all.map((t) => Math.abs(t.p50 - ((t.calledAt as number) - t.rankAt) / MIN)).sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    tickets: all.length,
    meanAbsErrorMin: round(errors.reduce((a, b) => a + b, 0) / errors.length),
    p90AbsErrorMin: round(errors[Math.floor(errors.length * 0.9)]),
    withinP90Share: Math.round((100 * all.filter((t) => ((t.calledAt as number) - t.rankAt) / MIN <= t.p90).length) / all.length) / 100,
    meanWaitMin: round(all.reduce((a, t) => a + ((t.calledAt as number) - t.rankAt) / MIN, 0) / all.length),
  };
}
