import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PickupClaims {
  reservationId: string;
  pharmacyId: string;
  /** YYYY-MM-DD */
  pickupDate: string;
}

const PREFIX = 'GP1.';
const MAC_BYTES = 16;
const DATE_EPOCH_MS = Date.UTC(2020, 0, 1);
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID_TEXT = /^[A-Za-z0-9_-]{1,36}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Ids are packed as 16 raw bytes when they are lower-case UUIDs (every reservation id) and as
// length-prefixed text otherwise (slugs such as ph-001), so a typical code stays ~60 characters:
// a QR code small enough to scan quickly off a cracked phone screen at a crowded counter.
const TAG_TEXT = 0;
const TAG_UUID = 1;

/** Bytes packId writes for this id (refuses ids a code cannot carry). */
function packedIdLength(id: string): number {
  if (UUID.test(id)) return 17;
  if (!ID_TEXT.test(id)) throw new TypeError('pickup code ids must be UUIDs or [A-Za-z0-9_-]{1,36}');
  return 2 + id.length;
}

/** Writes one id at `offset` (one buffer per code: a booking signs one for every answer); returns the next offset. */
function packId(id: string, out: Buffer, offset: number): number {
  if (UUID.test(id)) {
    out[offset] = TAG_UUID;
    let at = offset + 1;
    for (const group of id.split('-')) at += out.write(group, at, 'hex');
    return at;
  }
  out[offset] = TAG_TEXT;
  out[offset + 1] = id.length;
  return offset + 2 + out.write(id, offset + 2, 'ascii');
}

/** Reads one packed id at `offset`; null when the bytes do not form one. */
function unpackId(buf: Buffer, offset: number): { id: string; next: number } | null {
  const tag = buf[offset];
  if (tag === TAG_UUID) {
    if (offset + 17 > buf.length) return null;
    const hex = buf.subarray(offset + 1, offset + 17).toString('hex');
    return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, next: offset + 17 };
  }
  if (tag === TAG_TEXT) {
    const len = buf[offset + 1];
    if (len === undefined || offset + 2 + len > buf.length) return null;
    const id = buf.subarray(offset + 2, offset + 2 + len).toString('ascii');
    return ID_TEXT.test(id) ? { id, next: offset + 2 + len } : null;
  }
  return null;
}

function dayNumber(date: string): number {
  const days = (Date.parse(`${date}T00:00:00Z`) - DATE_EPOCH_MS) / DAY_MS;
  if (!Number.isInteger(days) || days < 0 || days > 0xffff) throw new TypeError(`pickup date out of range: ${date}`);
  return days;
}

function unpackDate(buf: Buffer, offset: number): string {
  return new Date(DATE_EPOCH_MS + buf.readUInt16BE(offset) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Pickup codes: `GP1.` + base64url(payload ‖ MAC), payload = reservation id, pharmacy id, pickup
 * date; MAC = HMAC-SHA256 under the server key, truncated to 128 bits. Stateless to verify, so a
 * forged or altered code is refused without a database look-up; "used once" is enforced by the
 * reservation's status, not by the code.
 */
export class PickupCode {
  private readonly key: Buffer;

  constructor(keyHex: string) {
    this.key = Buffer.from(keyHex, 'hex');
    if (!/^[0-9a-f]{64}$/i.test(keyHex) || this.key.length !== 32) throw new Error('masks.pickupCodeKey must be 32 bytes (64 hex characters)');
  }

  sign(claims: PickupClaims): string {
    const days = dayNumber(claims.pickupDate);
    const length = packedIdLength(claims.reservationId) + packedIdLength(claims.pharmacyId) + 2;
    const out = Buffer.allocUnsafe(length + MAC_BYTES);
    const at = packId(claims.pharmacyId, out, packId(claims.reservationId, out, 0));
    out.writeUInt16BE(days, at);
    const payload = out.subarray(0, length);
    this.mac(payload).copy(out, length, 0, MAC_BYTES);
    return PREFIX + out.toString('base64url');
  }

  /** The claims of a genuine code, or null for anything else (forged, altered, truncated, other key, garbage). */
  verify(code: string): PickupClaims | null {
    if (typeof code !== 'string' || !code.startsWith(PREFIX) || code.length > 200) return null;
    const body = code.slice(PREFIX.length);
    if (!BASE64URL.test(body)) return null;
    const raw = Buffer.from(body, 'base64url');
    // Only the canonical encoding is accepted: one code, one spelling.
    if (raw.length <= MAC_BYTES || raw.toString('base64url') !== body) return null;
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), this.mac(payload))) return null;
    return this.parse(payload);
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(PREFIX).update(payload).digest().subarray(0, MAC_BYTES);
  }

  private parse(payload: Buffer): PickupClaims | null {
    const reservation = unpackId(payload, 0);
    const pharmacy = reservation && unpackId(payload, reservation.next);
    if (!reservation || !pharmacy || pharmacy.next + 2 !== payload.length) return null;
    return { reservationId: reservation.id, pharmacyId: pharmacy.id, pickupDate: unpackDate(payload, pharmacy.next) };
  }
}
