/**
 * Pharmacies this process saw sold out, remembered for a short while (≤ 1 s by default), so a
 * surge against a sold-out pharmacy costs one person-slot round trip on the Cluster instead of
 * the three of a refused saga. Stale by at most `ttlMs` across processes (a unit returned by a
 * cancel elsewhere is offered a moment later); cleared at once for changes made through this
 * process. Never consulted before the idempotency replay (check-person.lua runs first).
 */
export class SoldOutCache {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  has(roundId: string, pharmacyId: string): boolean {
    const key = keyOf(roundId, pharmacyId);
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.until.delete(key);
    return false;
  }

  mark(roundId: string, pharmacyId: string): void {
    if (!this.enabled) return;
    // Bounded by the number of pharmacies in open rounds; sweep expired entries when it grows.
    if (this.until.size > 100_000) this.sweep();
    this.until.set(keyOf(roundId, pharmacyId), this.clock() + this.ttlMs);
  }

  clear(roundId: string, pharmacyId: string): void {
    this.until.delete(keyOf(roundId, pharmacyId));
  }

  private sweep(): void {
    const now = this.clock();
    for (const [k, until] of this.until) if (until <= now) this.until.delete(k);
  }
}

function keyOf(roundId: string, pharmacyId: string): string {
  return `${roundId}\u0000${pharmacyId}`;
}
