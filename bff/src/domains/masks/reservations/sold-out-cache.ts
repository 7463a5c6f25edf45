import { TtlCache } from '../../../core/ttl-cache';

/**
 * Pharmacies the hot path recently answered SOLD_OUT for. For up to `ttlMs` (≤1 s) the surge
 * against a sold-out pharmacy is refused in-process, without a Redis round trip; a unit returned
 * meanwhile is bookable again at most that much later.
 */
export class SoldOutCache {
  private readonly entries: TtlCache<string, true>;

  constructor(now: () => number, ttlMs = 1000) {
    this.entries = new TtlCache(ttlMs, 100_000, now);
  }

  has(roundId: string, pharmacyId: string): boolean {
    return this.entries.get(`${roundId}\u0000${pharmacyId}`) === true;
  }

  mark(roundId: string, pharmacyId: string): void {
    this.entries.set(`${roundId}\u0000${pharmacyId}`, true);
  }

  clear(roundId: string, pharmacyId: string): void {
    this.entries.delete(`${roundId}\u0000${pharmacyId}`);
  }
}
