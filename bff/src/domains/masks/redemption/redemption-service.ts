import type { RoleGrant } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { Logger } from '../../../core/create-logger';
import type { AuditLog } from '../../audit/audit-log';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { repeatUntilOf } from '../hot-path/rebuild-hot-path';
import type { PickupCode } from '../pickup-code/pickup-code';
import type { ReservationPresenter } from '../reservations/reservation-presenter';
import type { ReservationRecord, ReservationStore } from '../reservations/reservation-store';
import type { RoundService } from '../rounds/round-service';
import { addDays, chinaDateOf } from '../../../core/china-date';
import type { PharmacySummaryResponse, RedemptionResponse } from '../shared/mask-contract';
import type { PersonDirectory } from '../../identity/person-directory';
import type { FailureLockout } from '../../../infra/hot-store/failure-lockout';
import { normalizeShortCode } from '@govpass/shared-types';

export interface Counter {
  accountId: string;
  /** The caller's grants (set by requireRole). */
  grants: RoleGrant[];
  /** The pharmacy the counter says it is, when the pharmacist works at several. */
  pharmacyId?: string;
  requestId: string | null;
}

export interface RedemptionOptions {
  /** Days a code works, counting the pickup day (1 = that day only). */
  pickupCodeTtlDays: number;
  defaultRepeatDays: number;
}

const invalidCode = () => new AppError(400, 'INVALID_CODE', 'This is not a valid pickup code');

function shortCodeLocked(ms: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError(429, 'SHORT_CODE_LOCKED', 'Too many wrong short codes; typing them is paused for a few minutes (scanning still works)', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    details: { retryAfterSeconds },
  });
}

/**
 * Handing masks over at the counter. The code's signature is checked before anything is read; the
 * single-use guarantee is the conditional UPDATE in the store, committed with its audit record.
 */
export class RedemptionService {
  constructor(
    private readonly store: ReservationStore,
    private readonly codes: PickupCode,
    private readonly hotPath: MaskHotPath,
    private readonly rounds: RoundService,
    private readonly directory: PersonDirectory,
    private readonly presenter: ReservationPresenter,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: RedemptionOptions,
    /** Wrong short codes per pharmacist: limit, then a lock (config rateLimit.shortCodeMisses…). */
    private readonly shortCodeMisses: FailureLockout,
  ) {}

  async redeemCode(counter: Counter, pickupCode: string): Promise<RedemptionResponse> {
    const claims = this.codes.verify(pickupCode);
    if (!claims) throw invalidCode();
    const pharmacyId = counterPharmacy(counter);
    if (!(pharmacyId === null ? scopesOf(counter).includes(claims.pharmacyId) : pharmacyId === claims.pharmacyId)) {
      throw new AppError(403, 'WRONG_PHARMACY', 'This code is for another pharmacy', { details: { pharmacyId: claims.pharmacyId } });
    }
    const row = await this.store.findById(claims.reservationId);
    // A genuine code always names a stored booking; anything else is treated as not ours.
    if (!row || row.pharmacyId !== claims.pharmacyId || row.pickupDate !== claims.pickupDate) throw invalidCode();
    return this.redeem(counter, row, 'code');
  }

  /**
   * The short 取货码, typed: looked up only at the counter's pharmacy and only among today's
   * bookings, so a code of another pharmacy or day is simply not found. Every miss counts against
   * the pharmacist (a guesser has 10⁹ codes to try and a few a minute), and is audited.
   */
  async redeemShortCode(counter: Counter, typed: string): Promise<RedemptionResponse> {
    const pharmacyId = this.requirePharmacy(counter);
    const locked = await this.shortCodeMisses.lockedForMs(counter.accountId);
    if (locked > 0) throw shortCodeLocked(locked);
    const code = normalizeShortCode(typed);
    const today = chinaDateOf(this.now());
    const row = code === null ? null : await this.store.findByShortCode(pharmacyId, today, code);
    if (!row) throw await this.shortCodeMiss(counter, pharmacyId);
    return this.redeem(counter, row, 'short-code');
  }

  private async shortCodeMiss(counter: Counter, pharmacyId: string): Promise<AppError> {
    const miss = await this.shortCodeMisses.fail(counter.accountId);
    const audit = { actor: counter.accountId, targetType: 'pharmacy', targetId: pharmacyId, requestId: counter.requestId };
    // The code itself is not kept: it is nobody's, or somebody else's.
    await this.audit.record({ ...audit, action: 'mask.redeem.short-code-miss', details: { failures: miss.failures } });
    if (miss.lockedUntil === null) {
      return new AppError(404, 'SHORT_CODE_NOT_FOUND', 'No booking with this short code at this pharmacy today', { details: { failures: miss.failures } });
    }
    if (miss.lockedNow) await this.audit.record({ ...audit, action: 'mask.redeem.short-code-lockout', details: { failures: miss.failures, lockedUntil: new Date(miss.lockedUntil).toISOString() } });
    return shortCodeLocked(miss.lockedUntil - this.now());
  }

  async redeemByIdNumber(counter: Counter, idNumber: string): Promise<RedemptionResponse> {
    const pharmacyId = this.requirePharmacy(counter);
    const personId = await this.directory.findByIdNumber(idNumber);
    const row = personId ? await this.store.outstandingAt(personId, pharmacyId) : null;
    if (!row) {
      // Who looked up whom is itself worth keeping: the number is never written, only the outcome.
      await this.audit.record({ actor: counter.accountId, action: 'mask.redeem.lookup-miss', targetType: 'pharmacy', targetId: pharmacyId, requestId: counter.requestId, details: { method: 'id-number' } });
      throw new AppError(404, 'RESERVATION_NOT_FOUND', 'No reservation to collect here for this ID number');
    }
    return this.redeem(counter, row, 'id-number');
  }

  async summary(counter: Counter, date: string | undefined): Promise<PharmacySummaryResponse> {
    const pharmacyId = this.requirePharmacy(counter);
    const day = date ?? chinaDateOf(this.now());
    return { pharmacyId, pharmacyName: await this.presenter.pharmacyName(pharmacyId), date: day, ...(await this.store.summary(pharmacyId, day)) };
  }

  private async redeem(counter: Counter, row: ReservationRecord, method: 'code' | 'short-code' | 'id-number'): Promise<RedemptionResponse> {
    this.assertCollectable(row);
    const at = this.now();
    const done = await this.store.redeem(row.id, row.pharmacyId, counter.accountId, at, (trx) =>
      this.audit.record({ actor: counter.accountId, action: 'mask.redeem', targetType: 'mask_reservation', targetId: row.id, requestId: counter.requestId, details: { pharmacyId: row.pharmacyId, method } }, trx),
    );
    if (!done) {
      const now = await this.store.findById(row.id);
      if (now?.status === 'redeemed') throw alreadyRedeemed(now);
      throw new AppError(409, 'CODE_EXPIRED', 'This reservation is no longer valid');
    }
    await this.startRepeatPeriod(row, at);
    const redeemed: ReservationRecord = { ...row, status: 'redeemed', redeemedAt: at };
    return { reservation: await this.presenter.reservation(redeemed), holderName: await this.directory.maskedName(row.holderPersonId), quantity: row.quantity };
  }

  private assertCollectable(row: ReservationRecord): void {
    if (row.status === 'redeemed') throw alreadyRedeemed(row);
    if (row.status !== 'reserved') throw new AppError(409, 'CODE_EXPIRED', `This reservation was ${row.status}`, { details: { status: row.status } });
    const today = chinaDateOf(this.now());
    const lastDay = addDays(row.pickupDate, this.options.pickupCodeTtlDays - 1);
    if (today > lastDay) throw new AppError(409, 'CODE_EXPIRED', 'The pickup date has passed', { details: { pickupDate: row.pickupDate } });
    if (today < row.pickupDate) throw new AppError(409, 'CONFLICT', `Pickup starts on ${row.pickupDate}`, { details: { pickupDate: row.pickupDate } });
  }

  private async startRepeatPeriod(row: ReservationRecord, at: number): Promise<void> {
    const round = await this.rounds.findById(row.roundId);
    // The same formula the rebuild uses in SQL, so a rebuilt Redis holds exactly this value.
    const until = repeatUntilOf(at, round?.repeatDays ?? this.options.defaultRepeatDays);
    try {
      await this.hotPath.redeemed(row.personId, row.id, until);
    } catch (err) {
      // The masks are handed over and MySQL says so; the rebuild derives repeat periods from it.
      this.logger.error({ err: String(err), reservationId: row.id }, 'redeemed in MySQL but the hot path update failed');
    }
  }

  /** The pharmacy this counter acts for: named explicitly, or the pharmacist's only one. */
  private requirePharmacy(counter: Counter): string {
    const named = counterPharmacy(counter);
    if (named !== null) return named;
    const scopes = scopesOf(counter);
    if (scopes.length === 1) return scopes[0];
    throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request', { details: [{ path: 'pharmacyId', message: '请指定药店' }] });
  }
}

function scopesOf(counter: Counter): string[] {
  return counter.grants.filter((g) => g.role === 'pharmacist' && g.scopeId).map((g) => g.scopeId as string);
}

/** The named pharmacy, which the pharmacist must work at; null when none was named. */
function counterPharmacy(counter: Counter): string | null {
  if (counter.pharmacyId === undefined) return null;
  if (!scopesOf(counter).includes(counter.pharmacyId)) throw new AppError(403, 'FORBIDDEN', 'You are not a pharmacist of this pharmacy');
  return counter.pharmacyId;
}

function alreadyRedeemed(row: ReservationRecord): AppError {
  return new AppError(409, 'ALREADY_REDEEMED', 'This code has already been used', { details: { redeemedAt: row.redeemedAt === null ? null : new Date(row.redeemedAt).toISOString() } });
}
