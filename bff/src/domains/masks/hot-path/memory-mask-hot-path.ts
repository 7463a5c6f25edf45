import { AppError } from '../../../core/app-error';
import { DEFAULT_TIMINGS, SILENT_LOGGER, checkRemaining, type HotPathLogger, type HotPathTimings } from './hot-path-settings';
import type { BookOutcome, HotReservation, MaskHotPath, PersonState, ReservationSink, RoundCounters, SessionGate, ShortSeqState } from './mask-hot-path';
import { MaskScriptCode, maskScriptError } from './mask-script-codes';
import { personRefusal } from './person-refusal';
import { checkReservation, requestFingerprint } from './reservation-codec';

export interface MemoryMaskHotPathOptions extends Partial<Pick<HotPathTimings, 'idempotencyTtlMs'>> {
  /** Clock for idempotency-record expiry (tests inject one). */
  clock?: () => number;
  logger?: HotPathLogger;
}

interface IdempotencyRecord {
  fingerprint: string;
  reservation: HotReservation;
  remaining: number;
  expiresAt: number;
  /** Set while the booking's row is being written; resolves when it is decided either way. */
  settling: Promise<void> | null;
}

const SEP = '\u0000';
const SWEEP_EVERY_BOOKINGS = 10_000;

/**
 * The in-process twin of RedisMaskHotPath for the embedded default (one BFF process, SQLite):
 * the same decisions in the same order, taken in one synchronous critical section (no await
 * between check and write), so they are atomic within the process.
 *
 * There is no outbox: durability comes from writing the row through the ReservationSink BEFORE
 * book() resolves. While the row is being written the hold and the counter already count (so
 * concurrent bookings see them); if the write fails, both are given back and book() answers 503.
 * State lives in this process only: at start-up the app must run rebuildHotPath from the database
 * before serving bookings (until then counters are missing and bookings answer 503).
 */
export class MemoryMaskHotPath implements MaskHotPath {
  private readonly counters = new Map<string, number>();
  /** roundId → epoch ms an administrator closed it. */
  private readonly closedRounds = new Map<string, number>();
  private readonly holds = new Map<string, string>();
  private readonly repeatUntil = new Map<string, number>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  /** pharmacy × pickup day → last short-code number issued (never given back, so never reissued). */
  private readonly shortSeqs = new Map<string, number>();
  private readonly idempotencyTtlMs: number;
  private readonly clock: () => number;
  private readonly logger: HotPathLogger;
  private bookingsSinceSweep = 0;

  constructor(
    private readonly sink: ReservationSink,
    options: MemoryMaskHotPathOptions = {},
  ) {
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DEFAULT_TIMINGS.idempotencyTtlMs;
    this.clock = options.clock ?? Date.now;
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  readonly gatesSessions = false;

  async book(res: HotReservation, now: number, gate?: SessionGate): Promise<BookOutcome> {
    try {
      if (gate) throw new TypeError('the in-process hot path takes no SessionGate (authenticate first)');
      checkReservation(res);
    } catch (err) {
      throw new AppError(500, 'INTERNAL', `Hot-store misuse: ${(err as Error).message}`, { cause: err });
    }
    if (++this.bookingsSinceSweep >= SWEEP_EVERY_BOOKINGS) this.sweep();
    for (;;) {
      const decided = this.decide(res, now);
      if (decided.kind === 'wait') {
        await decided.settling;
        continue;
      }
      if (decided.kind === 'replay') return decided.outcome;
      return this.makeDurable(decided.booked, decided.remaining, decided.settle);
    }
  }

  /** The critical section: synchronous from the first check to the last write. */
  private decide(
    res: HotReservation,
    now: number,
  ):
    | { kind: 'wait'; settling: Promise<void> }
    | { kind: 'replay'; outcome: BookOutcome }
    | { kind: 'booked'; booked: HotReservation; remaining: number; settle: () => void } {
    const idemKey = this.idempotencyKeyOf(res);
    const fingerprint = requestFingerprint(res);
    const record = idemKey === null ? undefined : this.liveRecord(idemKey);
    if (record) {
      if (record.fingerprint !== fingerprint) throw maskScriptError(MaskScriptCode.IDEMPOTENCY_CONFLICT);
      if (record.settling) return { kind: 'wait', settling: record.settling };
      return { kind: 'replay', outcome: { reservation: record.reservation, replay: true, remaining: record.remaining } };
    }
    const refused = personRefusal({ repeatUntil: this.repeatUntil.get(res.personId) ?? null, activeReservationId: this.holds.get(res.personId) ?? null }, now);
    if (refused) throw refused.code === MaskScriptCode.REPEAT_PERIOD ? maskScriptError(refused.code, refused.until) : maskScriptError(refused.code);
    const closedAt = this.closedRounds.get(res.roundId);
    if (closedAt !== undefined) throw maskScriptError(MaskScriptCode.ROUND_CLOSED, closedAt);
    const counterKey = counterKeyOf(res.roundId, res.pharmacyId);
    const left = this.counters.get(counterKey);
    if (left === undefined) throw maskScriptError(MaskScriptCode.COUNTERS_MISSING);
    if (left <= 0) throw maskScriptError(MaskScriptCode.SOLD_OUT);

    const remaining = left - 1;
    this.counters.set(counterKey, remaining);
    const seqKey = res.pharmacyId + SEP + res.pickupDate;
    const shortSeq = (this.shortSeqs.get(seqKey) ?? 0) + 1;
    this.shortSeqs.set(seqKey, shortSeq);
    const booked: HotReservation = { ...res, shortSeq };
    this.holds.set(res.personId, res.reservationId);
    let settle: () => void = () => undefined;
    if (idemKey !== null) {
      const settling = new Promise<void>((resolve) => (settle = resolve));
      this.idempotency.set(idemKey, {
        fingerprint,
        reservation: booked,
        remaining,
        expiresAt: this.clock() + this.idempotencyTtlMs,
        settling,
      });
    }
    return { kind: 'booked', booked, remaining, settle };
  }

  /** Writes the row; on failure or a MySQL-side conflict, gives back what decide() took. */
  private async makeDurable(res: HotReservation, remaining: number, settle: () => void): Promise<BookOutcome> {
    const idemKey = this.idempotencyKeyOf(res);
    try {
      const result = await this.sink.write([res]);
      const conflict = result.conflicts.find((c) => c.reservation.reservationId === res.reservationId);
      if (conflict) {
        // The database already holds an active reservation of this person (hot state was rebuilt
        // without it, or another process wrote it): the row is recorded cancelled, unit returned.
        this.undo(res, idemKey);
        if (conflict.activeReservationId) this.holds.set(res.personId, conflict.activeReservationId);
        this.logger.warn({ reservationId: res.reservationId, activeReservationId: conflict.activeReservationId }, 'mask booking refused by the database: person already holds a reservation');
        throw maskScriptError(MaskScriptCode.ALREADY_RESERVED);
      }
      const record = idemKey === null ? undefined : this.idempotency.get(idemKey);
      if (record?.reservation.reservationId === res.reservationId) record.settling = null;
      return { reservation: res, replay: false, remaining };
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.undo(res, idemKey);
      throw new AppError(503, 'STORE_UNAVAILABLE', 'Could not record the booking; nothing was booked', { cause: err });
    } finally {
      settle();
    }
  }

  private undo(res: HotReservation, idemKey: string | null): void {
    const counterKey = counterKeyOf(res.roundId, res.pharmacyId);
    const left = this.counters.get(counterKey);
    if (left !== undefined) this.counters.set(counterKey, left + 1);
    if (this.holds.get(res.personId) === res.reservationId) this.holds.delete(res.personId);
    if (idemKey !== null && this.idempotency.get(idemKey)?.reservation.reservationId === res.reservationId) {
      this.idempotency.delete(idemKey);
    }
  }

  private idempotencyKeyOf(res: HotReservation): string | null {
    return res.idempotencyKey === null ? null : [res.personId, res.accountId, res.idempotencyKey].join(SEP);
  }

  private liveRecord(key: string): IdempotencyRecord | undefined {
    const record = this.idempotency.get(key);
    if (record && !record.settling && record.expiresAt <= this.clock()) {
      this.idempotency.delete(key);
      return undefined;
    }
    return record;
  }

  /** Drops expired idempotency records and repeat periods (also ignored when read); runs every few thousand bookings. */
  sweep(): void {
    this.bookingsSinceSweep = 0;
    const now = this.clock();
    for (const [k, r] of this.idempotency) if (!r.settling && r.expiresAt <= now) this.idempotency.delete(k);
    for (const [p, until] of this.repeatUntil) if (until <= now) this.repeatUntil.delete(p);
    // A day's sequence is needed until no booking can be for that day; two days past it is safe.
    const stale = new Date(now + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10);
    for (const k of this.shortSeqs.keys()) if (k.slice(k.lastIndexOf(SEP) + 1) < stale) this.shortSeqs.delete(k);
  }

  async remaining(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const p of pharmacyIds) {
      const n = this.counters.get(counterKeyOf(roundId, p));
      if (n !== undefined) out[p] = n;
    }
    return out;
  }

  async setRemaining(roundId: string, pharmacyId: string, remaining: number): Promise<void> {
    checkRemaining(remaining);
    this.counters.set(counterKeyOf(roundId, pharmacyId), remaining);
  }

  async closeRound(roundId: string, closedAt: number): Promise<void> {
    if (!this.closedRounds.has(roundId)) this.closedRounds.set(roundId, closedAt);
  }

  async release(personId: string, reservationId: string, roundId: string, pharmacyId: string, returnUnit: boolean): Promise<void> {
    this.dropHold(personId, reservationId);
    if (returnUnit) await this.adjustRemaining(roundId, pharmacyId, 1);
  }

  async adjustRemaining(roundId: string, pharmacyId: string, delta: number): Promise<number | null> {
    if (!Number.isSafeInteger(delta)) throw new RangeError(`delta must be an integer, got ${delta}`);
    const key = counterKeyOf(roundId, pharmacyId);
    const left = this.counters.get(key);
    if (left === undefined) return null;
    const remaining = Math.max(0, left + delta);
    this.counters.set(key, remaining);
    return remaining;
  }

  async redeemed(personId: string, reservationId: string, repeatUntil: number): Promise<void> {
    if (!Number.isSafeInteger(repeatUntil)) throw new RangeError('repeatUntil must be epoch ms');
    this.dropHold(personId, reservationId);
    this.raiseRepeatUntil(personId, repeatUntil);
  }

  async expired(personId: string, reservationId: string): Promise<void> {
    this.dropHold(personId, reservationId);
  }

  async restore(counters: RoundCounters[], persons: PersonState[]): Promise<void> {
    for (const p of persons) {
      if (p.activeReservationId !== null && !this.holds.has(p.personId)) this.holds.set(p.personId, p.activeReservationId);
      if (p.repeatUntil !== null) this.raiseRepeatUntil(p.personId, p.repeatUntil);
    }
    for (const c of counters) {
      for (const [pharmacyId, n] of Object.entries(c.remaining)) {
        checkRemaining(n);
        const key = counterKeyOf(c.roundId, pharmacyId);
        if (!this.counters.has(key)) this.counters.set(key, n);
      }
    }
  }

  async restoreShortSeqs(seqs: ShortSeqState[]): Promise<void> {
    for (const s of seqs) {
      const key = s.pharmacyId + SEP + s.pickupDate;
      if (s.seq > (this.shortSeqs.get(key) ?? 0)) this.shortSeqs.set(key, s.seq);
    }
  }

  async takeShortSeqs(pharmacyId: string, pickupDate: string, count: number): Promise<number> {
    const key = pharmacyId + SEP + pickupDate;
    const first = (this.shortSeqs.get(key) ?? 0) + 1;
    this.shortSeqs.set(key, first + count - 1);
    return first;
  }

  async hasCounters(roundId: string, pharmacyId: string): Promise<boolean> {
    return this.counters.has(counterKeyOf(roundId, pharmacyId));
  }

  async personState(personId: string, now: number): Promise<PersonState> {
    const until = this.repeatUntil.get(personId);
    return {
      personId,
      activeReservationId: this.holds.get(personId) ?? null,
      repeatUntil: until !== undefined && until > now ? until : null,
    };
  }

  private dropHold(personId: string, reservationId: string): void {
    if (this.holds.get(personId) === reservationId) this.holds.delete(personId);
  }

  private raiseRepeatUntil(personId: string, until: number): void {
    if (until > (this.repeatUntil.get(personId) ?? 0)) this.repeatUntil.set(personId, until);
  }
}

function counterKeyOf(roundId: string, pharmacyId: string): string {
  return roundId + SEP + pharmacyId;
}
