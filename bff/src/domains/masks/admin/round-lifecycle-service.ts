import type { Kysely } from 'kysely';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { NotificationOutbox } from '../../notifications/notification-outbox';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import type { RoundService } from '../rounds/round-service';
import { roundStatus, toMaskRound } from '../rounds/round-status';
import type { RoundEdit, RoundRecord, RoundStore } from '../rounds/round-store';
import type { MaskRound, RoundActionResponse, UpdateRoundRequest } from '../shared/mask-contract';
import { asStoreUnavailable } from '../shared/store-unavailable';
import { cancelRoundInTransaction, type CancelledRows } from './cancel-round-rows';
import type { Operator } from './pharmacy-admin-service';

/**
 * Edit before opening, close early, cancel (shared-types/src/mask-rounds.ts says what each means
 * to holders). Close and cancel first write the hot store's closed markers — from then on no
 * booking is taken, whatever any BFF's ≤1 s round cache says — and only then MySQL, so an
 * acknowledged close never has a booking after it. Every change is audited; holders are told
 * through the notification outbox (in the same transaction as the change).
 */
export class RoundLifecycleService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly rounds: RoundStore,
    private readonly hotPath: MaskHotPath,
    private readonly roundService: RoundService,
    private readonly pharmacies: PharmacyService,
    private readonly audit: AuditLog,
    private readonly notices: Pick<NotificationOutbox, 'enqueue'>,
    private readonly now: () => number,
  ) {}

  async update(op: Operator, id: string, req: UpdateRoundRequest): Promise<MaskRound> {
    const round = await this.load(id);
    const now = this.now();
    if (round.cancelledAt != null || now >= round.opensAt) throw notEditable(round, now, 'Only a round that has not opened can be edited');
    const edit = mergeEdit(round, req);
    validateEdit(edit, now);
    const clash = (await this.rounds.overlapping(edit.opensAt, edit.closesAt)).filter((r) => r.id !== id);
    if (clash.length > 0) throw new AppError(409, 'CONFLICT', 'The booking window overlaps another round', { details: { roundIds: clash.map((r) => r.id) } });
    if (!(await this.rounds.updateBeforeOpening(id, edit, now))) throw notEditable(round, now, 'The round opened or was cancelled meanwhile');
    await this.audit.record({ actor: op.accountId, action: 'mask.round.update', targetType: 'mask_round', targetId: id, requestId: op.requestId, details: { before: editOf(round), after: edit } });
    this.invalidate();
    return toMaskRound({ ...round, ...edit }, now);
  }

  /** While open only; a repeated close answers alreadyDone. Reservations stay valid. */
  async close(op: Operator, id: string, reason: string): Promise<RoundActionResponse> {
    const round = await this.load(id);
    const now = this.now();
    if (round.closedEarlyAt != null && round.cancelledAt == null) return this.answer(await this.load(id), { alreadyDone: true });
    if (roundStatus(round, now) !== 'open') throw notEditable(round, now, 'Only an open round can be closed early (cancel or edit one that has not opened)');
    await this.closeHotStore(id, now);
    const notified = await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('mask_rounds')
        .set({ planned_closes_at: round.closesAt, closes_at: now, closed_early_at: now, change_reason: reason })
        .where('id', '=', id)
        .where('closed_early_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('closes_at', '>', now)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw notEditable(round, now, 'The round changed meanwhile');
      await this.audit.record({ actor: op.accountId, action: 'mask.round.close', targetType: 'mask_round', targetId: id, requestId: op.requestId, details: { reason, plannedClosesAt: round.closesAt, closedAt: now } }, trx);
      return this.notify(trx, round, 'closed', reason, now, await holdersOf(trx, id));
    });
    this.invalidate();
    return this.answer(await this.load(id), { notified });
  }

  /**
   * Before the round expired. Unredeemed reservations are cancelled with their unit returned to
   * the pharmacy's pool (unit_returned = 1), which the next expiry run rolls into the next round
   * as unbooked units; pending lottery applications end as cancelled.
   */
  async cancel(op: Operator, id: string, reason: string): Promise<RoundActionResponse> {
    const round = await this.load(id);
    const now = this.now();
    if (round.cancelledAt != null) return this.answer(round, { alreadyDone: true });
    const expired = await this.db.selectFrom('mask_rounds').select('expired_at').where('id', '=', id).executeTakeFirstOrThrow();
    if (expired.expired_at !== null) throw notEditable(round, now, 'The round has expired: its pickup is over and its units have rolled on');
    await this.closeHotStore(id, now);
    const result = await this.db.transaction().execute(async (trx) => {
      const rows = await cancelRoundInTransaction(trx, round, now, reason);
      if (rows === null) throw notEditable(round, now, 'The round changed meanwhile');
      await this.audit.record(
        { actor: op.accountId, action: 'mask.round.cancel', targetType: 'mask_round', targetId: id, requestId: op.requestId, details: { reason, reservationsCancelled: rows.reservations.length, applicationsCancelled: rows.applications.length } },
        trx,
      );
      const notified = await this.notify(trx, round, 'cancelled', reason, now, rows);
      return { rows, notified };
    });
    await this.releaseHolds(id, result.rows);
    this.invalidate();
    return this.answer(await this.load(id), { reservationsCancelled: result.rows.reservations.length, applicationsCancelled: result.rows.applications.length, notified: result.notified });
  }

  private async closeHotStore(id: string, at: number): Promise<void> {
    try {
      await this.hotPath.closeRound(id, at);
    } catch (err) {
      throw asStoreUnavailable(err);
    }
  }

  /** Gives the units back to the round's counters (kept equal to MySQL's derived remaining) and frees the holders to book again. */
  private async releaseHolds(roundId: string, rows: CancelledRows): Promise<void> {
    for (const r of rows.reservations) {
      await this.hotPath.release(r.personId, r.id, roundId, r.pharmacyId, true).catch(() => undefined);
    }
  }

  private async notify(trx: Kysely<Database>, round: RoundRecord, change: 'closed' | 'cancelled', reason: string, at: number, rows: CancelledRows): Promise<number> {
    const base = { roundName: round.name.slice(0, 64), change, reason: reason.slice(0, 64), pickupDate: round.pickupDate, changedAt: at };
    let notified = 0;
    for (const r of rows.reservations) {
      const out = await this.notices.enqueue({ personId: r.holderPersonId, template: 'mask_round_changed', data: { ...base, holds: 'reservation' }, dedupeKey: `${change}:${r.id}` }, trx);
      notified += out.enqueued > 0 ? 1 : 0;
    }
    for (const a of rows.applications) {
      const out = await this.notices.enqueue({ personId: a.holderPersonId, template: 'mask_round_changed', data: { ...base, holds: 'application' }, dedupeKey: `${change}:${a.id}` }, trx);
      notified += out.enqueued > 0 ? 1 : 0;
    }
    return notified;
  }

  private answer(round: RoundRecord, part: Partial<RoundActionResponse>): RoundActionResponse {
    return { round: toMaskRound(round, this.now()), reservationsCancelled: 0, applicationsCancelled: 0, notified: 0, alreadyDone: false, ...part };
  }

  private async load(id: string): Promise<RoundRecord> {
    const round = await this.rounds.findById(id);
    if (!round) throw new AppError(404, 'ROUND_NOT_FOUND', 'No such round');
    return round;
  }

  private invalidate(): void {
    this.roundService.invalidate();
    this.pharmacies.invalidate();
  }
}

/** Holders of outstanding reservations and pending applicants: those a close is news to. */
async function holdersOf(db: Kysely<Database>, roundId: string): Promise<CancelledRows> {
  const reservations = await db.selectFrom('mask_reservations').select(['id', 'person_id', 'holder_person_id', 'pharmacy_id']).where('round_id', '=', roundId).where('status', '=', 'reserved').execute();
  const applications = await db.selectFrom('lottery_applications').select(['id', 'holder_person_id']).where('round_id', '=', roundId).where('result', 'is', null).execute();
  return {
    reservations: reservations.map((r) => ({ id: r.id, personId: r.person_id, holderPersonId: r.holder_person_id, pharmacyId: r.pharmacy_id })),
    applications: applications.map((a) => ({ id: a.id, holderPersonId: a.holder_person_id })),
  };
}

function editOf(r: RoundRecord): RoundEdit {
  return { name: r.name, opensAt: r.opensAt, closesAt: r.closesAt, pickupDate: r.pickupDate, quantityPerPerson: r.quantityPerPerson, mode: r.mode, repeatDays: r.repeatDays };
}

function mergeEdit(round: RoundRecord, req: UpdateRoundRequest): RoundEdit {
  return {
    ...editOf(round),
    ...Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)),
    opensAt: req.opensAt ? Date.parse(req.opensAt) : round.opensAt,
    closesAt: req.closesAt ? Date.parse(req.closesAt) : round.closesAt,
  };
}

function validateEdit(e: RoundEdit, now: number): void {
  const invalid = (path: string, message: string) => new AppError(400, 'VALIDATION_FAILED', 'Invalid request body', { details: [{ path, message }] });
  if (e.opensAt <= now) throw invalid('opensAt', '开始时间须晚于现在');
  if (e.closesAt <= e.opensAt) throw invalid('closesAt', '结束时间须晚于开始时间');
  if (e.pickupDate < chinaDateOf(e.closesAt - 1)) throw invalid('pickupDate', '取货日期不能早于预约结束日期');
}

function notEditable(round: RoundRecord, now: number, message: string): AppError {
  const status = round.cancelledAt != null ? 'cancelled' : roundStatus(round, now);
  return new AppError(409, 'ROUND_NOT_EDITABLE', message, { details: { status } });
}
