import { BoundedCache } from './bounded-cache';
import type { PrintedCodeStore } from './code-ref-store';

/**
 * The person behind a printed card's ref. A card never changes its person, so the answer is cached
 * for good; whether it is revoked is the RevocationList's business.
 */
export class PrintedCardIndex {
  private readonly personByRef: BoundedCache<string, string>;

  constructor(
    private readonly store: PrintedCodeStore,
    maxEntries = 100_000,
  ) {
    this.personByRef = new BoundedCache(maxEntries);
  }

  async personOf(refHex: string): Promise<string | null> {
    const cached = this.personByRef.get(refHex);
    if (cached) return cached;
    const card = await this.store.findByRef(refHex);
    if (card) this.personByRef.set(refHex, card.personId);
    return card?.personId ?? null;
  }

  remember(refHex: string, personId: string): void {
    this.personByRef.set(refHex, personId);
  }
}
