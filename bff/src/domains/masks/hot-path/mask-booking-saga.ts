import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import type { HotPathLogger, HotPathTimings } from './hot-path-settings';
import type { BookOutcome, HotReservation } from './mask-hot-path';
import { allShardKeys, pharmacyKeys, personKeys, shortSeqExpiresAt, shortSeqKey, type PersonKeys } from './mask-keys';
import { MaskScriptCode, maskScriptError } from './mask-script-codes';
import { idempotencyArgs, type IdempotencyArgs, type MaskScripts, type ScriptTable } from './mask-scripts';
import { decodeReservation, encodeReservation, requestFingerprint } from './reservation-codec';
import type { SoldOutCache } from '../sold-out-cache';

/** The Redis calls of a Cluster booking, in the order a booking makes them. */
export type SagaStep = 'hold-person' | 'reserve-unit' | 'fence-unit' | 'confirm-hold' | 'release-hold' | 'check-person';

/**
 * Test seam for fault injection: called before and after every saga call. A throw 'before' acts
 * as the call failing unsent; a throw 'after' as the call having run with its answer lost.
 */
export type SagaStepHook = (step: SagaStep, phase: 'before' | 'after') => void | Promise<void>;

export interface MaskBookingSagaDeps {
  scripts: MaskScripts;
  timings: HotPathTimings;
  logger: HotPathLogger;
  soldOut: SoldOutCache;
  stepHook?: SagaStepHook;
  /** Resolves once the outbox entry of this key's shard reached the replicas the config asks for. */
  acknowledge(outboxKey: string): Promise<void>;
}

const IN_PROGRESS = Symbol('in-progress');
/** A resumed attempt whose unit was fenced (its taker died before taking the hold): start afresh. */
const FENCED = Symbol('fenced');
const IN_PROGRESS_REPLY: number = MaskScriptCode.IN_PROGRESS;
const SOLD_OUT_REPLY: number = MaskScriptCode.SOLD_OUT;
const HOLD_LAPSED_REPLY: number = MaskScriptCode.HOLD_LAPSED;
const UNIT_FENCED_REPLY: number = MaskScriptCode.UNIT_FENCED;
const RESUME_REPLY = 2;
const SHARDS = allShardKeys();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Cluster booking (docs/masks-hot-path.md "Cluster (saga)"): hold-person → reserve-unit →
 * confirm-hold, where a person and a pharmacy live on different slots. Every step leaves the
 * person able to retry at once: refusals and failures undo themselves (release-hold, or
 * fence-unit when reserve-unit's outcome is unknown), and when even the undo cannot reach Redis
 * the hold's lease lapses within holdLeaseMs: the same Idempotency-Key then resumes the attempt
 * (reserve-unit is idempotent per reservation) and another attempt fences its unit and takes over.
 */
export class MaskBookingSaga {
  private readonly t: HotPathTimings;
  private readonly unitTtlMs: number;

  constructor(private readonly d: MaskBookingSagaDeps) {
    this.t = d.timings;
    // A unit mark must outlive every pending hold and record that could resume its reservation.
    this.unitTtlMs = 2 * d.timings.pendingHoldTtlMs;
  }

  async book(res: HotReservation, now: number): Promise<BookOutcome> {
    const deadline = Date.now() + this.t.inProgressWaitMs;
    for (;;) {
      const outcome = await this.attempt(res, now);
      if (outcome !== IN_PROGRESS) {
        await this.d.acknowledge(pharmacyKeys(outcome.reservation.roundId, outcome.reservation.pharmacyId).outbox);
        return outcome;
      }
      // Another request with this key is deciding; hold-person replays, resumes once its lease lapsed, or says wait.
      if (Date.now() >= deadline) throw maskScriptError(MaskScriptCode.IN_PROGRESS);
      await sleep(this.t.inProgressPollMs);
    }
  }

  private async attempt(res: HotReservation, now: number): Promise<BookOutcome | typeof IN_PROGRESS> {
    const person = personKeys(res.personId);
    const idem = idempotencyArgs(person, res.accountId, res.idempotencyKey, requestFingerprint(res));
    if (this.d.soldOut.has(res.roundId, res.pharmacyId)) {
      // An attempt of this key in progress may be one to resume (its lease lapsed): hold-person decides that.
      const refused = await this.refuseSoldOut(res, person, idem, now);
      if (refused !== IN_PROGRESS) return refused;
    }
    const json = encodeReservation(res);
    const pharmacy = pharmacyKeys(res.roundId, res.pharmacyId);
    let fenced = '';
    for (let tries = 0; ; tries++) {
      const held = await this.holdPerson(res, person, idem, { json, now, shard: pharmacy.shard, fenced });
      const status = held[0];
      if (status === IN_PROGRESS_REPLY) return IN_PROGRESS;
      if (status === RESUME_REPLY) {
        const earlier = decodeReservation(String(held[1]));
        const resumed = await this.reserveAndConfirm(earlier, String(held[1]), person, idem, true);
        if (resumed !== FENCED) return resumed;
        fenced = '';
        continue;
      }
      if (status === HOLD_LAPSED_REPLY && tries < 3) {
        const lapsed = String(held[1]);
        if (!(await this.fence(person, lapsed, Number(held[2])))) throw maskScriptError(MaskScriptCode.ALREADY_RESERVED);
        fenced = lapsed;
        continue;
      }
      if (status !== 0) return outcomeOf(res, held);
      const booked = await this.reserveAndConfirm(res, json, person, idem, false);
      if (booked === FENCED) throw maskScriptError(MaskScriptCode.UNIT_FENCED);
      return booked;
    }
  }

  private async holdPerson(
    res: HotReservation,
    person: PersonKeys,
    idem: IdempotencyArgs,
    a: { json: string; now: number; shard: number; fenced: string },
  ): Promise<ScriptTable> {
    try {
      return await this.step('hold-person', () =>
        this.d.scripts.holdPerson(person, idem, {
          reservationId: res.reservationId,
          now: a.now,
          json: a.json,
          pendingTtlMs: this.t.pendingHoldTtlMs,
          leaseMs: this.t.holdLeaseMs,
          shard: a.shard,
          fenced: a.fenced,
        }),
      );
    } catch (err) {
      // Nothing is reserved yet, so undoing a hold that may have been set is always safe.
      await this.compensate(person, idem, res.reservationId);
      throw toHotStoreError(err);
    }
  }

  /** Steps 2 and 3 for `res` (this request's attempt, or, resumed, the earlier one it replays). */
  private async reserveAndConfirm(
    res: HotReservation,
    json: string,
    person: PersonKeys,
    idem: IdempotencyArgs,
    resumed: boolean,
  ): Promise<BookOutcome | typeof FENCED> {
    const pharmacy = pharmacyKeys(res.roundId, res.pharmacyId);
    const unit = SHARDS[pharmacy.shard].unit(res.reservationId);
    const seq = { key: shortSeqKey(res.pharmacyId, res.pickupDate), expiresAt: shortSeqExpiresAt(res.pickupDate, Date.now()) };
    let reserved: ScriptTable;
    try {
      reserved = await this.step('reserve-unit', () => this.d.scripts.reserveUnit(pharmacy, unit, seq, json, this.unitTtlMs));
    } catch (err) {
      const taken = await this.settleUnknown(res, person, idem, unit);
      if (taken === null) throw toHotStoreError(err);
      reserved = taken;
    }
    if (reserved[0] < 0) {
      if (reserved[0] === SOLD_OUT_REPLY) this.d.soldOut.mark(res.roundId, res.pharmacyId);
      await this.compensate(person, idem, res.reservationId);
      if (reserved[0] === UNIT_FENCED_REPLY) return FENCED;
      throw maskScriptError(reserved[0], Number(reserved[1]));
    }
    const remaining = Number(reserved[1]);
    // As the outbox entry has it: reserve-unit appended the short-code number (取货码).
    const booked = withShortSeq(res, reserved[2]);
    if (remaining === 0) this.d.soldOut.mark(res.roundId, res.pharmacyId);
    await this.confirm(booked, encodeReservation(booked), person, idem, remaining);
    return { reservation: booked, replay: resumed, remaining };
  }

  private async confirm(res: HotReservation, json: string, person: PersonKeys, idem: IdempotencyArgs, remaining: number): Promise<void> {
    try {
      const mine = await this.step('confirm-hold', () =>
        this.d.scripts.confirmHold(person, idem, { reservationId: res.reservationId, json, remaining, idempotencyTtlMs: this.t.idempotencyTtlMs }),
      );
      if (!mine) this.d.logger.warn({ reservationId: res.reservationId }, 'mask booking: person hold taken by another reservation; MySQL decides');
    } catch (err) {
      // The booking stands (it is in the outbox); the consumer confirms the hold, and a retry of
      // the key resumes it once the lease lapsed (reserve-unit answers from its unit mark).
      this.d.logger.warn({ err, reservationId: res.reservationId }, 'mask booking: confirm-hold failed; consumer will confirm');
    }
  }

  /**
   * reserve-unit failed without an answer: fence its unit. Taken → the booking stands (its
   * remaining count); not taken → nothing was booked, the hold is released at once (null).
   * When Redis cannot be asked either, the lease decides later (null).
   */
  private async settleUnknown(res: HotReservation, person: PersonKeys, idem: IdempotencyArgs, unit: string): Promise<ScriptTable | null> {
    let fenced: ScriptTable;
    try {
      fenced = await this.step('fence-unit', () => this.d.scripts.fenceUnit(unit, this.unitTtlMs));
    } catch (err) {
      this.d.logger.warn({ err, reservationId: res.reservationId }, 'mask booking: outcome of reserve-unit unknown; the hold lease decides');
      return null;
    }
    if (fenced[0] === 1) return [0, fenced[1], fenced[2]];
    await this.compensate(person, idem, res.reservationId);
    return null;
  }

  /** Another attempt's lease lapsed: true when its unit is fenced (its hold may be taken over). */
  private async fence(person: PersonKeys, lapsedId: string, shard: number): Promise<boolean> {
    const fenced = await this.step('fence-unit', () => this.d.scripts.fenceUnit(SHARDS[shard].unit(lapsedId), this.unitTtlMs)).catch((err) => {
      throw toHotStoreError(err);
    });
    if (fenced[0] !== 1) return true;
    // Its unit was taken: that booking stands, so make its hold active (the consumer would too).
    const none = { key: person.noIdempotency, fingerprint: '' };
    await this.step('confirm-hold', () =>
      this.d.scripts.confirmHold(person, none, { reservationId: lapsedId, json: '', remaining: Number(fenced[1]), idempotencyTtlMs: this.t.idempotencyTtlMs }),
    ).catch((err) => this.d.logger.warn({ err, reservationId: lapsedId }, 'mask booking: confirming a lapsed hold failed; consumer will confirm'));
    return false;
  }

  /** Fast refusal: the person-side answers still win (replay first), else SOLD_OUT. */
  private async refuseSoldOut(res: HotReservation, person: PersonKeys, idem: IdempotencyArgs, now: number): Promise<BookOutcome | typeof IN_PROGRESS> {
    const checked = await this.step('check-person', () => this.d.scripts.checkPerson(person, idem, now)).catch((err) => {
      throw toHotStoreError(err);
    });
    if (checked[0] === IN_PROGRESS_REPLY) return IN_PROGRESS;
    if (checked[0] !== 0) return outcomeOf(res, checked);
    throw maskScriptError(MaskScriptCode.SOLD_OUT);
  }

  private async compensate(person: PersonKeys, idem: IdempotencyArgs, reservationId: string): Promise<void> {
    try {
      await this.step('release-hold', () => this.d.scripts.releaseHold(person, idem, reservationId));
    } catch (err) {
      this.d.logger.warn({ err, reservationId }, 'mask booking: release-hold failed; the hold lease lapses by itself');
    }
  }

  private async step<T>(name: SagaStep, call: () => Promise<T>): Promise<T> {
    const hook = this.d.stepHook;
    if (hook) await hook(name, 'before');
    const out = await call();
    if (hook) await hook(name, 'after');
    return out;
  }
}

/** A script's `{status, …}` as the booking's outcome (or its AppError). */
export function outcomeOf(res: HotReservation, reply: ScriptTable): BookOutcome {
  const [status, a, b, c] = reply;
  if (status === 0) return { reservation: withShortSeq(res, c), replay: false, remaining: Number(a), ...sessionOf(b) };
  if (status === 1) return { reservation: decodeReservation(String(a)), replay: true, remaining: Number(b), ...sessionOf(c) };
  throw maskScriptError(status, a === undefined || a === null ? undefined : Number(a));
}

/** The booking with the short-code number book-single.lua issued (its 4th reply). */
function withShortSeq(res: HotReservation, seq: string | number | null | undefined): HotReservation {
  return seq === undefined || seq === null ? res : { ...res, shortSeq: Number(seq) };
}

/** The session JSON a gated book-single.lua returns ('' or absent without a gate). */
function sessionOf(value: string | number | null | undefined): { session?: string } {
  return typeof value === 'string' && value !== '' ? { session: value } : {};
}
