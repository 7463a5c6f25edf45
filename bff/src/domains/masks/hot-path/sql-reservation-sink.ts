import type { Insertable, Kysely } from 'kysely';
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
    const [inserted] = await this.insertIgnore(chunk.map((r) => toRow(r, this.shortCodes)));
    // The usual case: every row is new. Only a redelivery or a refused row needs the look-up.
    if (Number(inserted?.numInsertedOrUpdatedRows ?? 0) === chunk.length) {
      for (const r of chunk) result.reservedIds.add(r.reservationId);
      return;
    }
    const rows = await this.db
      .selectFrom('mask_reservations')
      .select(['id', 'status'])
      .where('id', 'in', chunk.map((r) => r.reservationId))
      .execute();
    const status = new Map(rows.map((r) => [r.id, r.status]));
    for (const r of chunk) {
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

  private insertIgnore(rows: Row[]) {
    const q = this.db.insertInto('mask_reservations').values(rows);
    return (this.dialect === 'mysql' ? q.ignore() : q.orIgnore()).execute();
  }
}
