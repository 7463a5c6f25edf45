import { createHash, createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { VENUE_CODE_PATTERN, VENUE_CODE_PREFIX } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410): what precedes the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const VERSION = 1;
const HEADER = 8; // version, kid (3), issued at (4)
const VENUE_ID = /^[A-Za-z0-9_-]{1,36}$/;

export function invalidVenueCode(): AppError {
  return new AppError(422, 'INVALID_CODE', 'Not a valid venue code (forged, altered or not a venue poster)');
}

/** The poster key's seed: configured, or derived from the PII hash key (stable while it is). */
export function posterSeed(configured: string | null, piiHashKey: string): string {
  return configured ?? createHmac('sha256', Buffer.from(piiHashKey, 'hex')).update('govpass venue poster key v1').digest('hex');
}

/**
 * Signed poster codes (docs/venues.md): `GPV1.<base64url(version, kid, issuedAt, venueId)>.<sig>`.
 * Ed25519 signatures are deterministic: a venue's poster code is the same every time it is made.
 */
export class PosterCodes {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly kid: Buffer;

  constructor(seedHex: string) {
    if (!/^[0-9a-f]{64}$/i.test(seedHex)) throw new TypeError('the poster key seed is 64 hex characters');
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
    this.publicKey = createPublicKey(this.privateKey);
    const raw = Buffer.from(this.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    this.kid = createHash('sha256').update(raw).digest().subarray(0, 3);
  }

  sign(venueId: string, issuedAtMs: number): string {
    if (!VENUE_ID.test(venueId)) throw new TypeError('venue id must be 1-36 of [A-Za-z0-9_-]');
    const payload = Buffer.alloc(HEADER + venueId.length);
    payload[0] = VERSION;
    this.kid.copy(payload, 1);
    payload.writeUInt32BE(Math.floor(issuedAtMs / 1000) >>> 0, 4);
    payload.write(venueId, HEADER, 'ascii');
    const signed = `${VENUE_CODE_PREFIX}${payload.toString('base64url')}`;
    return `${signed}.${sign(null, Buffer.from(signed, 'ascii'), this.privateKey).toString('base64url')}`;
  }

  /** The venue id a code names, or 422 INVALID_CODE (malformed, other key, altered, forged). */
  verify(code: string): string {
    if (!VENUE_CODE_PATTERN.test(code)) throw invalidVenueCode();
    const second = code.lastIndexOf('.');
    const signed = code.slice(0, second);
    const payload = strictBase64Url(signed.slice(VENUE_CODE_PREFIX.length));
    const signature = strictBase64Url(code.slice(second + 1));
    if (!payload || !signature || signature.length !== 64 || payload.length <= HEADER || payload[0] !== VERSION) throw invalidVenueCode();
    if (!payload.subarray(1, 4).equals(this.kid)) throw invalidVenueCode();
    const venueId = payload.subarray(HEADER).toString('ascii');
    if (!VENUE_ID.test(venueId)) throw invalidVenueCode();
    if (!verify(null, Buffer.from(signed, 'ascii'), this.publicKey, signature)) throw invalidVenueCode();
    return venueId;
  }
}

/** Canonical base64url only (a re-encoding must give the same text), else null. */
function strictBase64Url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/**
 * Verifies each distinct poster code once: a poster is scanned all day for months and a signature
 * check costs far more than the rest of a check-in. Only valid codes are cached (a forger cannot
 * fill the cache); bounded, cleared whole when full (a city has far fewer posters than the bound).
 */
export class VerifiedPosterCache {
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly codes: PosterCodes,
    private readonly max = 200_000,
  ) {}

  venueIdOf(code: string): string {
    const hit = this.verified.get(code);
    if (hit !== undefined) return hit;
    const venueId = this.codes.verify(code);
    if (this.verified.size >= this.max) this.verified.clear();
    this.verified.set(code, venueId);
    return venueId;
  }

  get size(): number {
    return this.verified.size;
  }
}
