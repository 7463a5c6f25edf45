import { createHmac } from 'node:crypto';
import { SHORT_CODE_SPACE, shortCodeOfValue, valueOfShortCode } from '@govpass/shared-types';

/** The Feistel network runs on 30 bits (2^30 ≥ 10^9) and walks the cycle back into [0, 10^9). */
const HALF_BITS = 15;
const HALF_MASK = (1 << HALF_BITS) - 1;
const ROUNDS = 8;
const KEY_CACHE_MAX = 20_000;

/** The sequence numbers a pharmacy × day can issue: [1, SHORT_CODE_SPACE). */
export const MAX_SHORT_SEQ = SHORT_CODE_SPACE - 1;

/** A 32-bit avalanche (MurmurHash3's finaliser) of x mixed with a round key. */
function roundFunction(x: number, key: number): number {
  let h = Math.imul(x ^ key, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & HALF_MASK;
}

function encrypt30(x: number, keys: Uint32Array): number {
  let left = x >>> HALF_BITS;
  let right = x & HALF_MASK;
  for (let r = 0; r < ROUNDS; r++) {
    const next = left ^ roundFunction(right, keys[r]);
    left = right;
    right = next;
  }
  return (left << HALF_BITS) | right;
}

function decrypt30(y: number, keys: Uint32Array): number {
  let left = y >>> HALF_BITS;
  let right = y & HALF_MASK;
  for (let r = ROUNDS - 1; r >= 0; r--) {
    const prev = right ^ roundFunction(left, keys[r]);
    right = left;
    left = prev;
  }
  return (left << HALF_BITS) | right;
}

/**
 * A keyed permutation of [0, 10^9): an 8-round Feistel network on 30 bits, cycle-walked into the
 * range (≈ 1.07 encryptions per value). A permutation maps distinct inputs to distinct outputs, so
 * codes are unique by construction, and nothing about the next code follows from the last one.
 */
export function permute(value: number, keys: Uint32Array): number {
  let y = value;
  do y = encrypt30(y, keys);
  while (y >= SHORT_CODE_SPACE);
  return y;
}

export function unpermute(value: number, keys: Uint32Array): number {
  let x = value;
  do x = decrypt30(x, keys);
  while (x >= SHORT_CODE_SPACE);
  return x;
}

/**
 * Short numeric pickup codes (取货码). Each booking takes the next number of its pharmacy × pickup
 * day sequence (the hot store's `shortSeq`, issued in the booking's own atomic step); the code is
 * that number through a permutation keyed by HMAC-SHA256(key, pharmacy ‖ day), plus a check digit.
 * Unique per pharmacy × day because the sequence never repeats; unrelated between pharmacies and
 * days because each has its own key. The key is the pickup-code key: rotating it voids both codes.
 */
export class ShortCodes {
  private readonly key: Buffer;
  private readonly roundKeys = new Map<string, Uint32Array>();

  constructor(keyHex: string) {
    if (!/^[0-9a-f]{64}$/i.test(keyHex)) throw new Error('masks.pickupCodeKey must be 32 bytes (64 hex characters)');
    this.key = Buffer.from(keyHex, 'hex');
  }

  /** The 10-digit code of sequence number `seq` (≥ 1) at this pharmacy on this pickup day. */
  codeOf(pharmacyId: string, pickupDate: string, seq: number): string {
    if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SHORT_SEQ) throw new RangeError(`short code sequence out of range: ${seq}`);
    return shortCodeOfValue(permute(seq, this.keysOf(pharmacyId, pickupDate)));
  }

  /** The sequence number behind a code (the rebuild restores sequences from stored codes); null for no code. */
  seqOf(pharmacyId: string, pickupDate: string, code: string): number | null {
    const value = valueOfShortCode(code);
    return value === null ? null : unpermute(value, this.keysOf(pharmacyId, pickupDate));
  }

  // One HMAC per pharmacy × day, kept: a booking must not pay for it (a day has a few thousand pharmacies).
  private keysOf(pharmacyId: string, pickupDate: string): Uint32Array {
    const id = `${pharmacyId}\u0000${pickupDate}`;
    let keys = this.roundKeys.get(id);
    if (keys) return keys;
    const mac = createHmac('sha256', this.key).update('gp-short-code\u0000').update(id).digest();
    keys = new Uint32Array(ROUNDS);
    for (let r = 0; r < ROUNDS; r++) keys[r] = mac.readUInt32BE(r * 4);
    if (this.roundKeys.size >= KEY_CACHE_MAX) this.roundKeys.clear();
    this.roundKeys.set(id, keys);
    return keys;
  }
}
