import type { PublicCodeKey } from '@govpass/shared-types/src/personal-code';
import { base64UrlDecode, base64UrlEncode, MalformedCodeError, parseCode, sameBytes, type ParsedCode } from '@govpass/shared-types/src/personal-code-format';
import { ed25519Verify, sha256 } from './ed25519';
import { refused, type OfflineOutcome } from './verification-outcome';

/** A phone's clock may run ahead of the server's: a code "issued" up to 30 s in the future still counts. */
export const ISSUE_SKEW_MS = 30_000;

/** A published key, decoded once; kids that do not match their key are dropped (see usableKeys). */
export interface VerifyingKey {
  kid: string;
  publicKey: Uint8Array;
  validFrom: number;
  /** Epoch ms; Infinity while the key has no end yet. */
  validUntil: number;
}

/** What an offline verifier knows: the cached key set and revocation list. */
export interface VerifierMaterial {
  keys: readonly VerifyingKey[];
  /** base64url refs of revoked printed cards. */
  revokedRefs: ReadonlySet<string>;
}

function toKey(jwk: PublicCodeKey): VerifyingKey | null {
  try {
    const publicKey = base64UrlDecode(jwk.x);
    const validFrom = Date.parse(jwk.validFrom);
    const validUntil = jwk.validUntil === null ? Infinity : Date.parse(jwk.validUntil);
    if (publicKey.length !== 32 || Number.isNaN(validFrom) || Number.isNaN(validUntil)) return null;
    // The kid is derived from the key (first 3 bytes of its SHA-256): a set whose kid does not
    // match its key was tampered with or mis-built, and must not vouch for anything.
    if (!sameBytes(base64UrlDecode(jwk.kid), sha256(publicKey).slice(0, 3))) return null;
    return { kid: jwk.kid, publicKey, validFrom, validUntil };
  } catch {
    return null;
  }
}

/** The JWK set as published by GET /api/v1/codes/keys, decoded; unusable entries are left out. */
export function usableKeys(jwks: readonly PublicCodeKey[]): VerifyingKey[] {
  return jwks.map(toKey).filter((k): k is VerifyingKey => k !== null);
}

function parse(text: string): ParsedCode | null {
  try {
    return parseCode(text.trim());
  } catch (e) {
    if (e instanceof MalformedCodeError || e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * Verifies a scanned code without the network, in the order docs/personal-code.md gives: form,
 * key, signature, issue time (skew and key window), expiry, revocation (printed cards).
 */
export function verifyOffline(text: string, material: VerifierMaterial, nowMs: number): OfflineOutcome {
  const parsed = parse(text);
  if (!parsed) return refused('MALFORMED');
  const { payload } = parsed;
  const kid = base64UrlEncode(payload.kid);
  const key = material.keys.find((k) => k.kid === kid);
  if (!key) return refused('UNKNOWN_KEY');
  if (!ed25519Verify(parsed.signature, parsed.signedBytes, key.publicKey)) return refused('INVALID_CODE');
  const issuedAt = payload.issuedAt * 1000;
  const expiresAt = payload.expiresAt * 1000;
  if (issuedAt > nowMs + ISSUE_SKEW_MS || issuedAt < key.validFrom || issuedAt > key.validUntil) return refused('INVALID_CODE');
  if (expiresAt <= nowMs) return refused('CODE_EXPIRED');
  const ref = base64UrlEncode(payload.ref);
  if (payload.kind === 'printed' && material.revokedRefs.has(ref)) return refused('REVOKED');
  return { valid: true, kind: payload.kind, colour: payload.colour, issuedAt, expiresAt, ref };
}
