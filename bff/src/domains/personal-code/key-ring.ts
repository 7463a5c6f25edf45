import { base64UrlEncode, type PublicCodeKey } from '@govpass/shared-types';
import { kidNumberOf, signingKeyFromSeed, type SigningKey } from './signing-key';

const DAY_MS = 86_400_000;

export interface KeyConfig {
  seed: string;
  validFrom: string;
}

/** A key with the window in which codes it signed verify. */
export interface RingKey extends SigningKey {
  validFromMs: number;
  /** Next key's validFrom + the longest code lifetime (printed card); null for the newest key. */
  validUntilMs: number | null;
}

/**
 * The configured signing keys (docs/personal-code.md "Keys and rotation"): the newest key whose
 * validFrom has passed signs; an older one verifies until the next key's validFrom plus the printed
 * card's lifetime, so every code it signed expires before it leaves the set. Keys whose validFrom
 * lies ahead are published already, so offline verifiers hold them before the first code appears.
 */
export class KeyRing {
  /** Oldest first. */
  private readonly keys: RingKey[];
  private readonly byKidNumber = new Map<number, RingKey>();

  constructor(configured: readonly KeyConfig[], printedTtlDays: number) {
    if (configured.length === 0) throw new TypeError('the key ring needs at least one signing key');
    const sorted = configured
      .map((k, order) => ({ ...signingKeyFromSeed(k.seed), validFromMs: Date.parse(k.validFrom), order }))
      .sort((a, b) => a.validFromMs - b.validFromMs || a.order - b.order);
    this.keys = sorted.map(({ order: _order, ...key }, i) => {
      const next = sorted[i + 1];
      return { ...key, validUntilMs: next ? next.validFromMs + printedTtlDays * DAY_MS : null };
    });
    for (const key of this.keys) {
      if (Number.isNaN(key.validFromMs)) throw new TypeError('signing key validFrom is not an instant');
      // Two keys sharing a 24-bit kid would make codes ambiguous: refuse rather than guess.
      if (this.byKidNumber.has(key.kidNumber)) throw new TypeError(`two signing keys share the key id ${key.kidText}`);
      this.byKidNumber.set(key.kidNumber, key);
    }
  }

  /** The key that signs at `nowMs`: the newest whose validFrom has passed. */
  signerAt(nowMs: number): RingKey {
    let signer: RingKey | null = null;
    for (const key of this.keys) if (key.validFromMs <= nowMs) signer = key;
    if (!signer) throw new Error('no personal-code signing key is valid yet (codes.signingKeys validFrom lies ahead)');
    return signer;
  }

  /** The key a code names, or undefined. */
  byKid(kid: Uint8Array): RingKey | undefined {
    return this.byKidNumber.get(kidNumberOf(kid));
  }

  /** The published JWK set, oldest first. */
  publicKeys(): PublicCodeKey[] {
    return this.keys.map((k) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: base64UrlEncode(k.rawPublicKey),
      kid: k.kidText,
      validFrom: new Date(k.validFromMs).toISOString(),
      validUntil: k.validUntilMs === null ? null : new Date(k.validUntilMs).toISOString(),
    }));
  }
}
