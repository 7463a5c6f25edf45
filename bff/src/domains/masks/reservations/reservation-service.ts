import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../../core/app-error';
import type { Logger } from '../../../core/create-logger';
import type { MaskedIdentity } from '@govpass/shared-types';
import type { HotReservation, MaskHotPath, SessionGate } from '../hot-path/mask-hot-path';
import type { Session } from '../../auth/session-store';
import type { LotteryService } from '../lottery/lottery-service';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import type { RoundService } from '../rounds/round-service';
import type { RoundRecord } from '../rounds/round-store';
import { chinaDateOf } from '../../../core/china-date';
import type { CancelReservationResponse, CreateReservationResponse, LotteryApplicationResponse, MyReservationsResponse } from '../shared/mask-contract';
import type { PersonDirectory } from '../../identity/person-directory';
import { repeatPeriodError } from '../shared/repeat-period-error';
import { asStoreUnavailable } from '../shared/store-unavailable';
import { bookablePerson, knownSoldOut } from './booking-checks';
import type { ReservationPresenter } from './reservation-presenter';
import type { ReservationRecord, ReservationStore } from './reservation-store';
import type { SoldOutCache } from '../sold-out-cache';

export interface BookInput {
  accountId: string;
  /** The verified person and masked identity from the session, when it has them. */
  sessionPerson?: { personId: string; identity: MaskedIdentity };
  pharmacyId: string;
  personId?: string;
  idempotencyKey: string;
  /** A retry after a lost answer (X-Retry-Attempt ≥ 2): the sold-out cache must not pre-empt its replay. */
  retry?: boolean;
  /**
   * Set when the caller is not authenticated yet (see gatedBooking): the hot path checks
   * the session and rate limits in the booking's own step. Self-bookings only: `accountId` and the
   * gate's person are what the token claims until the hot path finds the session.
   */
  gate?: SessionGate;
}

export type BookResult = { kind: 'reservation'; body: CreateReservationResponse } | { kind: 'application'; body: LotteryApplicationResponse };

/**
 * Booking, listing and cancelling. The decision itself (quota, one per person, repeat period,
 * idempotency) is the hot path's; this service answers the cheap refusals in-process first and
 * checks who may book for whom.
 */
export class ReservationService {
  constructor(
    private readonly hotPath: MaskHotPath,
    private readonly store: ReservationStore,
    private readonly rounds: RoundService,
    private readonly pharmacies: PharmacyService,
    private readonly directory: PersonDirectory,
    private readonly lottery: LotteryService,
    private readonly soldOut: SoldOutCache,
    private readonly presenter: ReservationPresenter,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * The refusals answered in-process before authentication (round not open, just sold out): the
   * refusal, null when there is none. Synchronous while the round copy is fresh (every request at
   * opening time), a promise only when the round must be read.
   */
  refusal(pharmacyId: string, retry = false): AppError | null | Promise<AppError | null> {
    const round = this.rounds.peekOpen();
    if (round instanceof AppError) return round;
    if (round !== undefined) return this.refusalOf(round, pharmacyId, retry);
    return this.rounds.requireOpen().then((open) => this.refusalOf(open, pharmacyId, retry));
  }

  /** A retry is never refused from the sold-out cache: the hot path answers it, replay first. */
  private refusalOf(round: RoundRecord, pharmacyId: string, retry: boolean): AppError | null {
    return !retry && round.mode === 'first_come' && this.soldOut.has(round.id, pharmacyId) ? SOLD_OUT : null;
  }

  /**
   * Whether a self-booking may hand its authentication to the hot path (a SessionGate): only where
   * the hot path can check it atomically with the booking, and only first-come (a lottery
   * application is no hot-path booking). A promise only when the round copy is stale.
   */
  gatedBooking(): boolean | Promise<boolean> {
    if (!this.hotPath.gatesSessions) return false;
    const round = this.openRound();
    return round instanceof Promise ? round.then((r) => r.mode === 'first_come') : round.mode === 'first_come';
  }

  /** requireOpen, without its awaits while the in-process copy is fresh. */
  private openRound(): RoundRecord | Promise<RoundRecord> {
    const round = this.rounds.peekOpen();
    if (round instanceof AppError) throw round;
    return round ?? this.rounds.requireOpen();
  }

  async book(input: BookInput): Promise<BookResult> {
    const round = await this.openRound();
    const { holderPersonId, personId } = input.gate ? { holderPersonId: input.gate.personId, personId: input.gate.personId } : await this.whoBooks(input);
    const target = this.pharmacies.forBooking(round.id, input.pharmacyId);
    const { entry: pharmacy, outOfRound } = target instanceof Promise ? await target : target;
    if (round.mode === 'lottery') {
      if (input.gate) throw new TypeError('a lottery application needs an authenticated caller, not a gate');
      const app = await this.lottery.apply({ round, pharmacyId: pharmacy.id, personId, holderPersonId, accountId: input.accountId }).catch(async (err: unknown) => {
        throw isAppError(err) && err.code === 'ROUND_NOT_OPEN' ? await this.closedRefusal(err) : err;
      });
      return { kind: 'application', body: { application: await this.presenter.application(app) } };
    }
    if (knownSoldOut(this.soldOut, round.id, pharmacy.id, outOfRound, input.retry)) throw soldOut();
    const { reservation, personName } = await this.decide(round, {
      reservationId: randomUUID(),
      roundId: round.id,
      pharmacyId: pharmacy.id,
      personId,
      holderPersonId,
      accountId: input.accountId,
      pickupDate: round.pickupDate,
      quantity: round.quantityPerPerson,
      idempotencyKey: input.idempotencyKey,
      createdAt: this.now(),
    }, input.gate);
    const facts = { ...reservation, id: reservation.reservationId, status: 'reserved' as const };
    const presented = personName === undefined ? await this.presenter.reservation(facts) : this.presenter.reservationNamed(facts, pharmacy.name, personName);
    return { kind: 'reservation', body: { reservation: presented, pickupCode: this.presenter.pickupCode(facts), shortCode: this.presenter.shortCode(reservation) } };
  }

  async listMine(accountId: string): Promise<MyReservationsResponse> {
    const holder = await this.directory.requirePersonOf(accountId);
    const persons = await this.directory.bookablePersons(holder);
    const [rows, apps] = await Promise.all([this.store.listFor(persons, holder, 50), this.lottery.listFor(persons, holder)]);
    // A family member may also be listed by another family, whose booking is theirs to collect:
    // the code goes only to whoever booked.
    const codeFor = (r: ReservationRecord) => r.status === 'reserved' && (r.holderPersonId === holder || r.accountId === accountId);
    const items = await Promise.all(
      rows.map(async (r) => {
        const mine = codeFor(r);
        return { ...(await this.presenter.reservation(r)), pickupCode: mine ? this.presenter.pickupCode(r) : null, shortCode: mine ? r.shortCode : null };
      }),
    );
    return { items, applications: await Promise.all(apps.map((a) => this.presenter.application(a))) };
  }

  /** Before the pickup day only; the unit goes back to the pool only while the round is open. */
  async cancel(accountId: string, reservationId: string): Promise<CancelReservationResponse> {
    const holder = await this.directory.requirePersonOf(accountId);
    const row = await this.store.findById(reservationId);
    if (!row || !(row.holderPersonId === holder || row.personId === holder || row.accountId === accountId)) {
      throw new AppError(404, 'RESERVATION_NOT_FOUND', 'No such reservation');
    }
    if (row.status !== 'reserved') throw new AppError(409, 'CONFLICT', `The reservation is ${row.status}`, { details: { status: row.status } });
    if (chinaDateOf(this.now()) >= row.pickupDate) throw new AppError(409, 'CONFLICT', 'It can no longer be cancelled on or after the pickup day', { details: { pickupDate: row.pickupDate } });
    const round = await this.rounds.findById(row.roundId);
    const returnUnit = round !== null && this.rounds.isOpen(round);
    if (!(await this.store.cancel(row.id, this.now(), returnUnit))) throw new AppError(409, 'CONFLICT', 'The reservation changed meanwhile, please reload');
    await this.releaseHold(row, returnUnit);
    const cancelled: ReservationRecord = { ...row, status: 'cancelled', cancelledAt: this.now() };
    return { reservation: await this.presenter.reservation(cancelled), unitReturned: returnUnit };
  }

  /**
   * Account deletion (domains/rights): cancels a reservation whatever the day (the person is
   * leaving), giving the unit back while the round is open. False when it was no longer reserved.
   */
  async cancelForErasure(reservationId: string): Promise<{ cancelled: boolean; unitReturned: boolean }> {
    const row = await this.store.findById(reservationId);
    if (!row || row.status !== 'reserved') return { cancelled: false, unitReturned: false };
    const round = await this.rounds.findById(row.roundId);
    const returnUnit = round !== null && this.rounds.isOpen(round);
    if (!(await this.store.cancel(row.id, this.now(), returnUnit))) return { cancelled: false, unitReturned: false };
    await this.releaseHold(row, returnUnit);
    return { cancelled: true, unitReturned: returnUnit };
  }

  /** Holder and the person booked for (a gate's claimed self is proven by the hot path instead). */
  private async whoBooks(input: BookInput): Promise<{ holderPersonId: string; personId: string }> {
    if (input.sessionPerson) this.directory.remember(input.accountId, input.sessionPerson.personId, input.sessionPerson.identity);
    const holderPersonId = await this.directory.requirePersonOf(input.accountId);
    return { holderPersonId, personId: await bookablePerson(this.directory, holderPersonId, input.personId) };
  }

  /**
   * The hot path's decision; when it resolves the booking is durable (outbox or written through).
   * With the booking comes the booked person's masked name when the session named them (a gate).
   */
  private async decide(round: RoundRecord, res: HotReservation, gate: SessionGate | undefined): Promise<{ reservation: HotReservation; personName?: string }> {
    let outcome;
    try {
      outcome = await this.hotPath.book(res, this.now(), gate);
    } catch (err) {
      if (isAppError(err) && err.code === 'SOLD_OUT') this.soldOut.mark(round.id, res.pharmacyId);
      if (isAppError(err) && err.code === 'ROUND_NOT_OPEN') throw await this.closedRefusal(err);
      throw withDateDetails(asStoreUnavailable(err));
    }
    const booked = outcome.reservation;
    // The hot path fingerprints the request too; this is the belt to its braces.
    if (outcome.replay && (booked.pharmacyId !== res.pharmacyId || booked.personId !== res.personId)) {
      throw new AppError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different booking');
    }
    if (outcome.remaining <= 0) this.soldOut.mark(round.id, res.pharmacyId);
    // Authenticated now: what the session knows saves the presenter a MySQL read.
    const person = outcome.session ? (JSON.parse(outcome.session) as Session).person : undefined;
    if (!person) return { reservation: booked };
    this.directory.remember(res.accountId, person.personId, person.identity);
    return { reservation: booked, personName: person.personId === booked.personId ? person.identity.name : undefined };
  }

  /**
   * The hot store refused because an administrator closed the round; the round cache (≤1 s) may
   * not know yet. Its own refusal, once it does, also names the next round's opening.
   */
  private async closedRefusal(err: AppError): Promise<AppError> {
    this.rounds.invalidate();
    const refusal = await this.rounds.requireOpen().then(
      () => null,
      (e: unknown) => (isAppError(e) ? e : null),
    );
    return refusal?.code === 'ROUND_NOT_OPEN' ? refusal : err;
  }

  private async releaseHold(row: ReservationRecord, returnUnit: boolean): Promise<void> {
    try {
      await this.hotPath.release(row.personId, row.id, row.roundId, row.pharmacyId, returnUnit);
      if (returnUnit) this.soldOut.clear(row.roundId, row.pharmacyId);
    } catch (err) {
      // MySQL already says cancelled, and is the record the hot store is rebuilt from.
      this.logger.error({ err: String(err), reservationId: row.id }, 'cancelled in MySQL but the hot path release failed');
    }
  }
}

/** The hot path states the end of a repeat period as an ISO instant; the contract adds the China day. */
function withDateDetails(err: AppError): AppError {
  const at = (err.details as { availableFrom?: unknown } | undefined)?.availableFrom;
  if (err.code !== 'REPEAT_PERIOD' || typeof at !== 'string' || Number.isNaN(Date.parse(at)) || /^\d{4}-\d{2}-\d{2}$/.test(at)) return err;
  return repeatPeriodError(Date.parse(at));
}

function soldOut(): AppError {
  return new AppError(409, 'SOLD_OUT', 'This pharmacy has no masks left in this round');
}

/** The surge's commonest answer, built once: AppErrors are never changed after construction. */
const SOLD_OUT = Object.freeze(soldOut());
