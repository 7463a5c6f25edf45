import type { HotReservation } from './mask-hot-path';

/**
 * How a HotReservation travels through Redis (outbox entries, idempotency records): JSON with a
 * fixed field order, checked field by field on the way back, because a malformed entry must be
 * noticed by the consumer, not written to MySQL as garbage.
 */
export function encodeReservation(r: HotReservation): string {
  // shortSeq, once issued, is the last member: the booking scripts append it to the JSON they get.
  return JSON.stringify({
    reservationId: r.reservationId,
    roundId: r.roundId,
    pharmacyId: r.pharmacyId,
    personId: r.personId,
    holderPersonId: r.holderPersonId,
    accountId: r.accountId,
    pickupDate: r.pickupDate,
    quantity: r.quantity,
    idempotencyKey: r.idempotencyKey,
    createdAt: r.createdAt,
    ...(r.shortSeq === undefined ? {} : { shortSeq: r.shortSeq }),
  });
}

const STRING_FIELDS = ['reservationId', 'roundId', 'pharmacyId', 'personId', 'holderPersonId', 'accountId', 'pickupDate'] as const;

export function decodeReservation(json: string): HotReservation {
  const v = JSON.parse(json) as Record<string, unknown>;
  for (const f of STRING_FIELDS) {
    if (typeof v[f] !== 'string' || v[f] === '') throw new TypeError(`reservation field ${f} is not a non-empty string`);
  }
  if (!Number.isSafeInteger(v.quantity)) throw new TypeError('reservation quantity is not an integer');
  if (!Number.isSafeInteger(v.createdAt)) throw new TypeError('reservation createdAt is not an integer');
  if (v.idempotencyKey !== null && typeof v.idempotencyKey !== 'string') throw new TypeError('reservation idempotencyKey is invalid');
  if (v.shortSeq !== undefined && !(Number.isSafeInteger(v.shortSeq) && (v.shortSeq as number) > 0)) throw new TypeError('reservation shortSeq is invalid');
  return {
    reservationId: v.reservationId as string,
    roundId: v.roundId as string,
    pharmacyId: v.pharmacyId as string,
    personId: v.personId as string,
    holderPersonId: v.holderPersonId as string,
    accountId: v.accountId as string,
    pickupDate: v.pickupDate as string,
    quantity: v.quantity as number,
    idempotencyKey: v.idempotencyKey,
    createdAt: v.createdAt as number,
    ...(v.shortSeq === undefined ? {} : { shortSeq: v.shortSeq as number }),
  };
}

/**
 * What must be equal for a retry under the same Idempotency-Key to be "the same request".
 * The reservation id and createdAt are minted per attempt, so they are left out.
 */
export function requestFingerprint(r: HotReservation): string {
  return JSON.stringify([r.roundId, r.pharmacyId, r.personId, r.holderPersonId, r.pickupDate, r.quantity]);
}

/** Refuses a reservation the scripts cannot key or store (a bug in the caller: 500). */
export function checkReservation(r: HotReservation): void {
  for (const f of STRING_FIELDS) {
    if (typeof r[f] !== 'string' || r[f] === '') throw new TypeError(`reservation ${f} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(r.quantity) || r.quantity <= 0) throw new RangeError(`reservation quantity must be a positive integer`);
  if (!Number.isSafeInteger(r.createdAt)) throw new RangeError('reservation createdAt must be epoch ms');
  if (r.idempotencyKey !== null && (typeof r.idempotencyKey !== 'string' || r.idempotencyKey === '')) {
    throw new TypeError('reservation idempotencyKey must be null or a non-empty string');
  }
}
