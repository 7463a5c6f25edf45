import type { Insertable, Kysely, Transaction } from 'kysely';
import type { SqlDialectName } from '../../../infra/db/create-database';
import type { Database, MaskReservationsTable } from '../../../infra/db/database';
import { SILENT_LOGGER, type HotPathLogger } from './hot-path-settings';
import type { HotReservation, ReservationSink, SinkConflict, SinkResult } from './mask-hot-path';

/** Makes a booking's short 取货码 from its sequence number (pickup-code/short-code.ts). */
export interface ShortCodeMaker {
  codeOf(pharmacyId: string, pickupDate: string, seq: number): string;
}

export interface SqlReservationSinkOptions {
  logger?: HotPathLogger;
  now?: () => number;
  /** Rows per INSERT (MySQL packet and SQLite variable limits stay far away at 500 × 14). */
  chunkSize?: number;
  /** Writes each booking's short_code; without it (tests of other things) the column stays NULL. */
  shortCodes?: ShortCodeMaker;
}

type Row = Insertable<MaskReservationsTable>;

function toRow(r: HotReservation, shortCodes: ShortCodeMaker | undefined): Row {
  return {
    id: r.reservationId,
    round_id: r.roundId,
    pharmacy_id: r.pharmacyId,
    person_id: r.personId,
    holder_person_id: r.holderPersonId,
    account_id: r.accountId,
    pickup_date: r.pickupDate,
    quantity: r.quantity,
    status: 'reserved',
    active_person_id: r.personId,
    idempotency_key: r.idempotencyKey,
    created_at: r.createdAt,
    short_code: shortCodes && r.shortSeq !== undefined ? shortCodes.codeOf(r.pharmacyId, r.pickupDate, r.shortSeq) : null,
  };
}

/**
 * Makes hot-path bookings durable in mask_reservations (MySQL, or SQLite embedded): batch
 * insert-ignore, so a redelivered outbox entry is a no-op on the primary key.
 *
 * Insert-ignore also silently skips a row the unique `active_person_id` refuses — a person whose
 * hold was lost (Redis failover, a pending hold that expired before any consumer confirmed it)
 * got a second booking. Such a row is never dropped: it is found missing after the insert, and
 * recorded as status 'cancelled', active_person_id NULL, unit_returned = 1, and reported in
 * `conflicts` exactly once (by the call whose insert created it), so the caller gives the unit
 * back to the hot store — keeping "remaining = quota − units held" true in both stores — and
 * points the person's hold at the reservation that stays.
 *
 * A booking of an account whose deletion has begun (account_erasures) is reported the same way,
 * with no reservation to keep: see erasedAccounts and docs/privacy.md, "Bookings in flight".
 */
export class SqlReservationSink implements ReservationSink {
  private readonly logger: HotPathLogger;
  private readonly now: () => number;
  private readonly chunkSize: number;
  private readonly shortCodes: ShortCodeMaker | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
    options: SqlReservationSinkOptions = {},
  ) {
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    this.chunkSize = options.chunkSize ?? 500;
    this.shortCodes = options.shortCodes;
  }

  async write(batch: HotReservation[]): Promise<SinkResult> {
    const byId = new Map(batch.map((r) => [r.reservationId, r]));
    const unique = [...byId.values()];
    const result: SinkResult = { conflicts: [], reservedIds: new Set() };
    for (let i = 0; i < unique.length; i += this.chunkSize) {
      await this.writeChunk(unique.slice(i, i + this.chunkSize), result);
    }
    return result;
  }

  private async writeChunk(chunk: HotReservation[], result: SinkResult): Promise<void> {
    const { live, dropped, insertedCount } = await this.db.transaction().execute(async (trx) => {
      const erased = await this.erasedAccounts(trx, chunk);
      const split = { live: chunk.filter((r) => !erased.has(r.accountId)), dropped: chunk.filter((r) => erased.has(r.accountId)) };
      const [inserted] = split.live.length === 0 ? [] : await this.insertIgnore(split.live.map((r) => toRow(r, this.shortCodes)), trx);
      return { ...split, insertedCount: Number(inserted?.numInsertedOrUpdatedRows ?? 0) };
    });
    for (const r of dropped) {
      const conflict = await this.recordErased(r);
      if (conflict) result.conflicts.push(conflict);
    }
    // The usual case: every row is new. Only a redelivery or a refused row needs the look-up.
    if (insertedCount === live.length) {
      for (const r of live) result.reservedIds.add(r.reservationId);
      return;
    }
    const rows = await this.db
      .selectFrom('mask_reservations')
      .select(['id', 'status'])
      .where('id', 'in', live.map((r) => r.reservationId))
      .execute();
    const status = new Map(rows.map((r) => [r.id, r.status]));
    for (const r of live) {
      const s = status.get(r.reservationId);
      if (s === 'reserved') result.reservedIds.add(r.reservationId);
      if (s !== undefined) continue;
      if (await this.keepWithoutShortCode(r)) {
        result.reservedIds.add(r.reservationId);
        continue;
      }
      const conflict = await this.recordConflict(r);
      if (conflict) result.conflicts.push(conflict);
    }
  }

  /**
   * Accounts of the chunk whose deletion has begun (account_erasures, migration 0019). On MySQL a
   * locking read in the transaction that inserts the bookings: the deletion's mark waits for this
   * transaction (the gap lock of a missing key), or this read sees the mark. Either the row is in
   * MySQL before the masks step looks for it, or it is never recorded as reserved.
   */
  private async erasedAccounts(trx: Transaction<Database>, chunk: HotReservation[]): Promise<Set<string>> {
    const ids = [...new Set(chunk.map((r) => r.accountId))];
    const q = trx.selectFrom('account_erasures').select('account_id').where('account_id', 'in', ids);
    const rows = await (this.dialect === 'mysql' ? q.forUpdate() : q).execute();
    return new Set(rows.map((r) => r.account_id));
  }

  /**
   * A booking of an account being deleted, which authenticated before the deletion and reached
   * the hot store after the masks step: recorded cancelled with its unit returned (UUIDs only, as
   * every cancelled row the deletion keeps) and reported once as a conflict with no reservation
   * to keep, so the caller drops the person's hold and gives the unit back. A row already there
   * (a redelivery; or the booking was recorded before the mark, and the masks step cancels it) is
   * not reported again.
   */
  private async recordErased(r: HotReservation): Promise<SinkConflict | null> {
    const [inserted] = await this.insertIgnore([
      { ...toRow(r, undefined), status: 'cancelled', active_person_id: null, cancelled_at: this.now(), unit_returned: 1 },
    ]);
    if (Number(inserted?.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
    this.logger.warn({ reservationId: r.reservationId, roundId: r.roundId, pharmacyId: r.pharmacyId }, 'mask reservation of an account being deleted: recorded cancelled, hold released, unit returned');
    return { reservation: r, activeReservationId: null };
  }

  /**
   * A row refused for its short code, which can only happen when a day's sequence was lost and
   * started again (the hot store lost it without a rebuild). The booking stands and keeps its QR
   * code; only its short code, which another booking of that day already has, is dropped.
   */
  private async keepWithoutShortCode(r: HotReservation): Promise<boolean> {
    if (r.shortSeq === undefined || !this.shortCodes) return false;
    const [inserted] = await this.insertIgnore([{ ...toRow(r, undefined), short_code: null }]);
    if (Number(inserted?.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    this.logger.error({ reservationId: r.reservationId, pharmacyId: r.pharmacyId, pickupDate: r.pickupDate, shortSeq: r.shortSeq }, 'mask reservation: short code already taken that day (sequence lost?); kept without one');
    return true;
  }

  /** Records a row refused for a second active reservation; null when another writer already did. */
  private async recordConflict(r: HotReservation): Promise<SinkConflict | null> {
    const [inserted] = await this.insertIgnore([
      { ...toRow(r, undefined), status: 'cancelled', active_person_id: null, cancelled_at: this.now(), unit_returned: 1 },
    ]);
    if (Number(inserted?.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
    const active = await this.db
      .selectFrom('mask_reservations')
      .select('id')
      .where('active_person_id', '=', r.personId)
      .executeTakeFirst();
    const activeReservationId = active?.id ?? null;
    this.logger.warn(
      { reservationId: r.reservationId, personId: r.personId, activeReservationId, roundId: r.roundId, pharmacyId: r.pharmacyId },
      'mask reservation refused by unique active_person_id (second active booking): recorded cancelled, unit returned',
    );
    return { reservation: r, activeReservationId };
  }

  private insertIgnore(rows: Row[], db: Kysely<Database> = this.db) {
    const q = db.insertInto('mask_reservations').values(rows);
    return (this.dialect === 'mysql' ? q.ignore() : q.orIgnore()).execute();
  }
}
