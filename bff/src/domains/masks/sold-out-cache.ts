import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../core/ttl-cache';

/**
 * Pharmacies this process saw sold out, remembered for a short while (≤ 1 s by default), so a
 * surge against a sold-out pharmacy is refused in-process: no Redis round trip in the reservation
 * service, one person-slot round trip instead of the three of a refused saga in the hot path.
 * Stale by at most `ttlMs` across processes (a unit returned by a cancel elsewhere is offered a
 * moment later); cleared at once for changes made through this process. Never consulted before
 * the idempotency replay (check-person.lua runs first). `ttlMs` 0 turns it off.
 */
export class SoldOutCache {
  /** Bounded by the number of pharmacies in open rounds; the cap only guards against a runaway. */
  private readonly entries: LRUCache<string, true> | null;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.entries = ttlMs > 0 ? ttlCache(ttlMs, 100_000, now) : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  has(roundId: string, pharmacyId: string): boolean {
    return this.entries?.get(keyOf(roundId, pharmacyId)) === true;
  }

  mark(roundId: string, pharmacyId: string): void {
    this.entries?.set(keyOf(roundId, pharmacyId), true);
  }

  clear(roundId: string, pharmacyId: string): void {
    this.entries?.delete(keyOf(roundId, pharmacyId));
  }
}

function keyOf(roundId: string, pharmacyId: string): string {
  return `${roundId}\u0000${pharmacyId}`;
}
