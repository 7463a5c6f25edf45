/**
 * The booking decision, in the hot store (see docs/masks-hot-path.md). Implemented on Redis
 * (standalone: one Lua script; Cluster: person-hold saga) and in-process for the embedded default.
 * Throws AppError: 409 SOLD_OUT, 409 ALREADY_RESERVED, 409 REPEAT_PERIOD (details.availableFrom),
 * 503 STORE_UNAVAILABLE (counters missing: never book against them).
 */
export interface HotReservation {
  reservationId: string;
  roundId: string;
  pharmacyId: string;
  /** The person the masks are for (self or a family member). */
  personId: string;
  /** The verified booker whose pickup code serves. */
  holderPersonId: string;
  accountId: string;
  pickupDate: string;
  quantity: number;
  idempotencyKey: string | null;
  createdAt: number;
}

export interface BookOutcome {
  reservation: HotReservation;
  /** True when an Idempotency-Key replay returned an earlier booking. */
  replay: boolean;
  remaining: number;
}

export interface RoundCounters {
  roundId: string;
  /** pharmacyId → units left to book. */
  remaining: Record<string, number>;
}

export interface PersonState {
  personId: string;
  /** Outstanding reservation, if any. */
  activeReservationId: string | null;
  /** Epoch ms before which the person may not book again (after a redemption), if any. */
  repeatUntil: number | null;
}

export interface MaskHotPath {
  book(res: HotReservation, now: number): Promise<BookOutcome>;
  /** Units left per pharmacy; pharmacies with no counter are absent. */
  remaining(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>>;
  /** Sets (or replaces) counters, e.g. when a round opens or an admin changes a quota. */
  setRemaining(roundId: string, pharmacyId: string, remaining: number): Promise<void>;
  /** Cancel: drops the person's hold; gives the unit back when `returnUnit` (round still open). */
  release(personId: string, reservationId: string, roundId: string, pharmacyId: string, returnUnit: boolean): Promise<void>;
  /** Redeemed: drops the hold and starts the repeat period. */
  redeemed(personId: string, reservationId: string, repeatUntil: number): Promise<void>;
  /** Expired unredeemed: drops the hold so the person may book again. */
  expired(personId: string, reservationId: string): Promise<void>;
  /** Writes the full state derived from MySQL after Redis was lost (see rebuild). */
  restore(counters: RoundCounters[], persons: PersonState[]): Promise<void>;
  /** True when the counters of a round exist (false after a flush: bookings must answer 503). */
  hasCounters(roundId: string, pharmacyId: string): Promise<boolean>;
}

/** Where acknowledged bookings go before MySQL; the consumer drains it with idempotent inserts. */
export interface ReservationSink {
  /** Writes a batch idempotently (insert-ignore on the reservation id). */
  write(batch: HotReservation[]): Promise<void>;
}
