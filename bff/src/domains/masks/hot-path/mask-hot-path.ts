/**
 * The booking decision, in the hot store (see docs/masks-hot-path.md). Implemented on Redis
 * (standalone: one Lua script; Cluster: person-hold saga) and in-process for the embedded default.
 * Throws AppError: 409 SOLD_OUT, 409 ALREADY_RESERVED, 409 REPEAT_PERIOD (details.availableFrom,
 * ISO timestamp), 409 IDEMPOTENCY_CONFLICT (key reused for another request, or still in progress),
 * 503 STORE_UNAVAILABLE (counters missing: never book against them; or Redis down); with a
 * SessionGate also 401 UNAUTHENTICATED and 429 RATE_LIMITED.
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
  /**
   * The booking's number in its pharmacy × pickup day sequence, from which its short 取货码 is made
   * (pickup-code/short-code.ts). Issued by the hot path in the booking's atomic step, so it is
   * absent on the way in and present on every booking book() answers (but replays of bookings
   * made before short codes existed).
   */
  shortSeq?: number;
}

/** The highest short-code sequence number a pharmacy × pickup day has issued (rebuild). */
export interface ShortSeqState {
  pharmacyId: string;
  pickupDate: string;
  seq: number;
}

export interface BookOutcome {
  reservation: HotReservation;
  /** True when an Idempotency-Key replay returned an earlier booking. */
  replay: boolean;
  /** Units left right after this booking (on a replay: right after the original booking). */
  remaining: number;
  /** With a SessionGate: the session record the gate found (JSON, as SessionStore wrote it). */
  session?: string;
}

/** One fixed-window rate limit, as RateLimiter.ruleFor describes it. */
export interface RateCheck {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * What authenticating and rate-limiting a booking takes, handed to book() so that a hot path
 * able to do so checks it in the same atomic step as the booking (one Redis round trip instead
 * of four). Until the session key is found, `personId` is only what the bearer token claims.
 */
export interface SessionGate {
  /** The session record's key (by token hash); missing → 401 UNAUTHENTICATED, nothing changed. */
  sessionKey: string;
  /** The person the token names; the session record must name the same one. */
  personId: string;
  /** Counted in order (per IP, then per account); the first one over its limit → 429, nothing booked. */
  limits: [RateCheck, RateCheck];
}

export interface RoundCounters {
  roundId: string;
  /** pharmacyId → units left to book. */
  remaining: Record<string, number>;
}

export interface PersonState {
  personId: string;
  /** Outstanding reservation, if any (a pending Cluster hold counts). */
  activeReservationId: string | null;
  /** Epoch ms before which the person may not book again (after a redemption), if any. */
  repeatUntil: number | null;
}

export interface MaskHotPath {
  /**
   * Books one unit for `res.personId`. When this resolves the booking is durable: in Redis' outbox
   * (same atomic step as the decrement), or, in-process, written through the ReservationSink.
   * `now` decides the repeat period.
   */
  book(res: HotReservation, now: number, gate?: SessionGate): Promise<BookOutcome>;
  /**
   * Whether book() takes a SessionGate (standalone Redis). Where it cannot (Cluster, in-process),
   * callers authenticate and rate-limit first and call book() without one; book() with a gate
   * then throws.
   */
  readonly gatesSessions: boolean;
  /** Units left per pharmacy; pharmacies with no counter are absent. */
  remaining(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>>;
  /**
   * Sets (or replaces) a counter: when a round opens (no bookings can be running against it yet).
   * Never for a counter bookings may be using — see adjustRemaining.
   */
  setRemaining(roundId: string, pharmacyId: string, remaining: number): Promise<void>;
  /**
   * Adds `delta` (may be negative) to a live counter in one atomic step, never below 0: a quota
   * change (delta = new quota + rolled_in − old) or units rolled into an open round. remaining()
   * then setRemaining() would overwrite the bookings made in between (oversell). Returns the new
   * value, or null when the counter is missing (nothing done: the rebuild counts it from MySQL).
   */
  adjustRemaining(roundId: string, pharmacyId: string, delta: number): Promise<number | null>;
  /**
   * An administrator closed or cancelled the round at `closedAt`: from when this resolves every
   * booking of the round is refused (409 ROUND_NOT_OPEN, details.closedAt) in the same atomic
   * step that would have taken a unit, whatever any BFF's round cache still says. Idempotent
   * (the first instant is kept). Counters stay as they are, for the ledger and the rollover.
   */
  closeRound(roundId: string, closedAt: number): Promise<void>;
  /**
   * Cancel, after the service moved the MySQL row reserved → cancelled (that transition is what
   * makes this happen once): drops the person's hold if it is this reservation; gives the unit
   * back when `returnUnit` (round still open) and the counter exists (a missing counter is left
   * to the rebuild, which counts the row).
   */
  release(personId: string, reservationId: string, roundId: string, pharmacyId: string, returnUnit: boolean): Promise<void>;
  /** Redeemed: drops the hold (if it is this reservation) and starts the repeat period. */
  redeemed(personId: string, reservationId: string, repeatUntil: number): Promise<void>;
  /** Expired unredeemed: drops the hold (if it is this reservation) so the person may book again. */
  expired(personId: string, reservationId: string): Promise<void>;
  /**
   * Fills in state derived from MySQL after Redis lost it (see rebuild). Writes only what is
   * missing — a counter, a hold — and raises repeat periods: a live counter may be ahead of
   * MySQL by the outbox lag, so overwriting it could oversell.
   */
  restore(counters: RoundCounters[], persons: PersonState[]): Promise<void>;
  /**
   * Puts back short-code sequences the hot store lost, never lowering one that exists: a lost
   * sequence would start again at 1 and hand out codes of that day a second time. Call it before
   * the counters are restored (bookings run the moment a counter exists).
   */
  restoreShortSeqs(seqs: ShortSeqState[]): Promise<void>;
  /**
   * Takes `count` short-code numbers of a pharmacy × pickup day at once, for reservations made
   * outside book() (lottery winners); returns the first. The same sequence book() takes from, so
   * a number is never issued twice that day.
   */
  takeShortSeqs(pharmacyId: string, pickupDate: string, count: number): Promise<number>;
  /** True when the counters of a round exist (false after a flush: bookings must answer 503). */
  hasCounters(roundId: string, pharmacyId: string): Promise<boolean>;
  /** The person's hold and repeat period as the hot store sees them (ops, rebuild checks). */
  personState(personId: string, now: number): Promise<PersonState>;
}

/** A reservation MySQL refused because the person already had another active one. */
export interface SinkConflict {
  reservation: HotReservation;
  /** The person's active reservation in MySQL (the one that stays), if any is left. */
  activeReservationId: string | null;
}

export interface SinkResult {
  /**
   * Reservations recorded by THIS call as cancelled with their unit returned (unit_returned = 1)
   * because the person already had an active reservation. Reported once: the caller gives the
   * unit back to the hot store and points the person's hold at the active one.
   */
  conflicts: SinkConflict[];
  /** Ids of the batch whose row is (still) status 'reserved' — their holds may be confirmed. */
  reservedIds: Set<string>;
}

/** Where acknowledged bookings become durable rows; writes are idempotent per reservation id. */
export interface ReservationSink {
  /** Writes a batch idempotently (insert-ignore on the reservation id); never drops a row. */
  write(batch: HotReservation[]): Promise<SinkResult>;
}
