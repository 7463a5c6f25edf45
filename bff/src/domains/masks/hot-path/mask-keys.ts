import { DurableStream } from '../../../infra/durable-stream/durable-stream';
import { keyGroup, keyPart, taggedKey } from '../../../infra/hot-store/keys';
import { crc32 } from './crc32';

/**
 * Every hot-store key of mask booking (see docs/masks-hot-path.md). Two kinds of group:
 *
 *   mq:{<shard>}:…     a pharmacy shard: the quota counters of its pharmacies and its outbox
 *                      stream, so "decrement + append" is one atomic step in one slot;
 *   mp:{<personId>}:…  one person: hold, repeat-until and idempotency records, because "one
 *                      reservation per person" spans every pharmacy.
 *
 * Fields made of several ids escape each id first (keyPart) and join with ':'; keyGroup escapes
 * the joined field again. Escaping is injective, so ('r:1', 'p') and ('r', '1:p') never collide.
 */

/** 64 shards spread the outbox and the counters over every master (21/22/21 on 3 masters). */
export const MASK_SHARDS = 64;

/** The shard of a pharmacy: CRC-32 of its id mod 64 (stable across runtimes and releases). */
export function pharmacyShard(pharmacyId: string): number {
  if (pharmacyId.length === 0) throw new TypeError('pharmacyId must not be empty');
  return crc32(pharmacyId) % MASK_SHARDS;
}

/**
 * The bookings' outbox: a durable stream (infra/durable-stream) with one shard per pharmacy shard,
 * each next to that shard's counters, so reserve-unit / book-single decrement and XADD in one step.
 * Its keys and partition predate the generic layout and hold live data, so they are kept:
 * `mq:{<shard>}:outbox`, pharmacy id → CRC-32 mod 64.
 */
export const MASK_OUTBOX = new DurableStream({
  name: 'mask-outbox',
  shards: MASK_SHARDS,
  layout: { keyGroup: (shard) => keyGroup('mq', shard), streamField: 'outbox' },
  partition: pharmacyShard,
});

export interface ShardKeys {
  shard: number;
  /** Stream of booked reservations waiting for the MySQL consumer. */
  outbox: string;
  /** Units left to book of one pharmacy in one round (a string integer; absent = unknown). */
  remaining(roundId: string, pharmacyId: string): string;
  /** Saga: whether a reservation took its unit (remaining after) or was fenced ('x'); see reserve-unit.lua. */
  unit(reservationId: string): string;
  /** Short-code numbers issued at one pharmacy for one pickup day (INCR; absent = none yet). */
  shortSeq(pharmacyId: string, pickupDate: string): string;
  /**
   * Present (epoch ms it closed) once an administrator closed or cancelled the round: one copy per
   * shard, so the booking scripts read it in their own slot and refuse from that instant.
   */
  closed(roundId: string): string;
}

export function shardKeys(shard: number): ShardKeys {
  if (!Number.isInteger(shard) || shard < 0 || shard >= MASK_SHARDS) throw new RangeError(`no mask shard ${shard}`);
  const k = keyGroup('mq', shard);
  return {
    shard,
    outbox: MASK_OUTBOX.shard(shard).stream,
    remaining: (roundId, pharmacyId) => k(`remaining:${keyPart(roundId)}:${keyPart(pharmacyId)}`),
    unit: (reservationId) => k(`unit:${keyPart(reservationId)}`),
    shortSeq: (pharmacyId, pickupDate) => k(`short-seq:${keyPart(pharmacyId)}:${keyPart(pickupDate)}`),
    closed: (roundId) => k(`closed:${keyPart(roundId)}`),
  };
}

/** The short-code sequence of a pharmacy × pickup day, in the slot of that pharmacy's counters. */
export function shortSeqKey(pharmacyId: string, pickupDate: string): string {
  return shardKeys(pharmacyShard(pharmacyId)).shortSeq(pharmacyId, pickupDate);
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * When a day's short-code sequence may go: two days after its pickup day (China time), and never
 * sooner than two days from `now` — an expiry in the past would delete it at once and the next
 * booking would start at 1 again, reissuing that day's codes.
 */
export function shortSeqExpiresAt(pickupDate: string, now: number): number {
  const dayStart = Date.parse(`${pickupDate}T00:00:00Z`) - CHINA_OFFSET_MS;
  return Math.max(dayStart, now) + 2 * DAY_MS;
}

export interface PharmacyKeys {
  shard: number;
  remaining: string;
  outbox: string;
  closed: string;
}

// Every booking needs its pharmacy's keys, and a round has a few thousand pharmacies: built once
// each (CRC-32 and escaping), per round, kept while the set stays the size of a round's pharmacies.
const pharmacyKeyCache = new Map<string, Map<string, PharmacyKeys>>();
const PHARMACY_KEY_CACHE_MAX = 50_000;
let pharmacyKeysCached = 0;

/** The counter and outbox of one pharmacy, in its shard's slot. */
export function pharmacyKeys(roundId: string, pharmacyId: string): PharmacyKeys {
  let ofRound = pharmacyKeyCache.get(roundId);
  let keys = ofRound?.get(pharmacyId);
  if (keys !== undefined) return keys;
  const s = shardKeys(pharmacyShard(pharmacyId));
  keys = Object.freeze({ shard: s.shard, remaining: s.remaining(roundId, pharmacyId), outbox: s.outbox, closed: s.closed(roundId) });
  if (pharmacyKeysCached >= PHARMACY_KEY_CACHE_MAX) {
    pharmacyKeyCache.clear();
    pharmacyKeysCached = 0;
    ofRound = undefined;
  }
  if (ofRound === undefined) {
    ofRound = new Map();
    pharmacyKeyCache.set(roundId, ofRound);
  }
  ofRound.set(pharmacyId, keys);
  pharmacyKeysCached += 1;
  return keys;
}

export interface PersonKeys {
  /** pending:<id> | active:<id> | done:<id> (tombstone) — see the Lua headers. */
  hold: string;
  /** Epoch ms before which the person may not book again. */
  repeatUntil: string;
  /** Saga: owner, lease end and shard of the pending hold ("<id>|<until ms>|<shard>"); see hold-person.lua. */
  lease: string;
  /** Idempotency record of one account's key; `noIdempotency` stands in when there is none. */
  idempotency(accountId: string, key: string): string;
  /** Declared in place of an idempotency record by scripts called without a key; never written. */
  noIdempotency: string;
}

export function personKeys(personId: string): PersonKeys {
  // keyGroup('mp', personId) spelled out (the same keys, pinned by mask-keys.test): every booking
  // builds these, and the constant fields need no escaping.
  const base = `${taggedKey('mp', [personId])}:`;
  return {
    hold: `${base}hold`,
    repeatUntil: `${base}repeat-until`,
    lease: `${base}lease`,
    idempotency: (accountId, key) => base + keyPart(`idem:${keyPart(accountId)}:${keyPart(key)}`),
    noIdempotency: `${base}no-idem`,
  };
}

/** Every shard's keys, for the consumer and for tests. */
export function allShardKeys(): ShardKeys[] {
  return Array.from({ length: MASK_SHARDS }, (_, i) => shardKeys(i));
}
