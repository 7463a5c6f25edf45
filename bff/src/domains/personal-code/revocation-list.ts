import type { PrintedCodeStore } from './code-ref-store';

export interface RevokedRef {
  refHex: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Revoked printed cards that have not expired, held in process and reloaded from MySQL at most every
 * `refreshMs` in the background: a verify never waits for MySQL once the first load is done. A card
 * revoked in this process counts at once; one revoked elsewhere counts within `refreshMs`.
 */
export class RevocationList {
  private loaded = new Map<string, number>();
  /** Revoked here since the load in flight began (that load may not see them). */
  private local = new Map<string, { expiresAt: number; addedAt: number }>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: PrintedCodeStore,
    private readonly refreshMs: number,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void,
  ) {}

  async has(refHex: string): Promise<boolean> {
    await this.fresh();
    return this.loaded.has(refHex) || this.local.has(refHex);
  }

  /** Called after the revocation is stored. */
  add(ref: RevokedRef): void {
    this.local.set(ref.refHex, { expiresAt: ref.expiresAt, addedAt: this.now() });
  }

  /** Every revoked card still unexpired, soonest expiry first, and when the list was read. */
  async list(): Promise<{ items: RevokedRef[]; updatedAt: number }> {
    await this.fresh();
    const now = this.now();
    const all = new Map(this.loaded);
    for (const [refHex, { expiresAt }] of this.local) all.set(refHex, expiresAt);
    const items = [...all].filter(([, expiresAt]) => expiresAt > now).map(([refHex, expiresAt]) => ({ refHex, expiresAt }));
    return { items: items.sort((a, b) => a.expiresAt - b.expiresAt), updatedAt: this.loadedAt };
  }

  /** Waits only for the very first load; later reloads run behind the answers. */
  private async fresh(): Promise<void> {
    if (this.now() - this.loadedAt < this.refreshMs) return;
    const load = this.reload();
    if (this.loadedAt === Number.NEGATIVE_INFINITY) await load;
  }

  private reload(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const startedAt = this.now();
    this.inFlight = this.store
      .revokedUnexpired(startedAt)
      .then((rows) => {
        this.loaded = new Map(rows.map((r) => [r.refHex, r.expiresAt]));
        for (const [refHex, entry] of this.local) if (entry.addedAt < startedAt) this.local.delete(refHex);
        this.loadedAt = startedAt;
      })
      .catch((err: unknown) => {
        this.onError(err);
        // Keep serving what is known; try again in about a second rather than on every verify.
        if (this.loadedAt !== Number.NEGATIVE_INFINITY) this.loadedAt = this.now() - this.refreshMs + Math.min(1000, this.refreshMs);
        else throw err;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
