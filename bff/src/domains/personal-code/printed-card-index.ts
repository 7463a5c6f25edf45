import { LRUCache } from 'lru-cache';
import type { PrintedCodeStore } from './code-ref-store';

export interface PrintedCardLookup {
  personId: string;
  /** Set only when this look-up read the card from MySQL and found it revoked (the list may lag by its refresh). */
  revokedAt: number | null;
  expiresAt: number;
}

/**
 * The person behind a printed card's ref. A card never changes its person, so the answer is cached
 * for good; revocation is the RevocationList's business, except that a card read from MySQL for
 * the first time already says whether it is revoked.
 */
export class PrintedCardIndex {
  private readonly cache: LRUCache<string, { personId: string; expiresAt: number }>;

  constructor(
    private readonly store: PrintedCodeStore,
    maxEntries = 100_000,
  ) {
    this.cache = new LRUCache({ max: maxEntries });
  }

  async lookup(refHex: string): Promise<PrintedCardLookup | null> {
    const cached = this.cache.get(refHex);
    if (cached) return { ...cached, revokedAt: null };
    const card = await this.store.findByRef(refHex);
    if (!card) return null;
    this.remember(refHex, card.personId, card.expiresAt);
    return { personId: card.personId, expiresAt: card.expiresAt, revokedAt: card.revokedAt };
  }

  remember(refHex: string, personId: string, expiresAt: number): void {
    this.cache.set(refHex, { personId, expiresAt });
  }
}
