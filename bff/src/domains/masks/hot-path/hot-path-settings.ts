import type { Logger } from '../../../core/create-logger';

/** Timings shared by the Redis and in-process hot paths (see the Lua headers for their roles). */
export interface HotPathTimings {
  /**
   * Life of a Cluster pending hold: covers the two round trips of the saga with a wide margin,
   * and is how long a person stays blocked if their BFF died between hold-person and
   * reserve-unit. The outbox consumer confirms real bookings well inside it.
   */
  pendingHoldTtlMs: number;
  /**
   * Cluster saga: how long the attempt that took a pending hold owns it. A live attempt finishes
   * in milliseconds; once the lease lapses (its BFF died or lost Redis mid-saga) a retry with the
   * same Idempotency-Key resumes that attempt and a new attempt fences its unit and takes over,
   * instead of both waiting for pendingHoldTtlMs. Correctness never depends on it (reserve-unit
   * is idempotent and fenceable), only how soon a person stuck mid-saga can book again.
   */
  holdLeaseMs: number;
  /** How long an Idempotency-Key replays its booking. */
  idempotencyTtlMs: number;
  /** Life of the done:<id> tombstone left by cancel/redeem/expiry. */
  tombstoneTtlMs: number;
  /** How long a retry waits for an earlier in-flight request with the same key before 409. */
  inProgressWaitMs: number;
  inProgressPollMs: number;
}

export const DEFAULT_TIMINGS: HotPathTimings = {
  pendingHoldTtlMs: 60_000,
  holdLeaseMs: 2_000,
  idempotencyTtlMs: 24 * 60 * 60_000,
  tombstoneTtlMs: 60 * 60_000,
  inProgressWaitMs: 3_000,
  inProgressPollMs: 10,
};

/**
 * Life of a round's closed marker in Redis (one per shard): long past any round's pickup day, so
 * no booking of a closed or cancelled round slips through; rebuildHotPath restores the markers of
 * rounds closed within it.
 */
export const CLOSED_MARKER_TTL_MS = 30 * 86_400_000;

/** What the hot path logs: anomalies an operator should see (pino-compatible). */
export type HotPathLogger = Pick<Logger, 'warn' | 'error' | 'info'>;

const noop = () => undefined;

export const SILENT_LOGGER: HotPathLogger = { warn: noop, error: noop, info: noop };

/** Runs `fn` over items with at most `limit` calls in flight; results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function checkRemaining(remaining: number): void {
  if (!Number.isSafeInteger(remaining) || remaining < 0) throw new RangeError(`remaining must be a non-negative integer, got ${remaining}`);
}
