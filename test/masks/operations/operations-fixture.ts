import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../../bff/src/infra/db/create-database';
import type { Database } from '../../../bff/src/infra/db/database';
import { runMigrations } from '../../../bff/src/infra/db/run-migrations';
import { AuditLog } from '../../../bff/src/domains/audit/audit-log';
import type { BookOutcome } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { MemoryMaskHotPath } from '../../../bff/src/domains/masks/hot-path/memory-mask-hot-path';
import { SqlReservationSink } from '../../../bff/src/domains/masks/hot-path/sql-reservation-sink';
import { applicantRefKey, applicantRefs } from '../../../bff/src/domains/masks/lottery/applicant-ref';
import { createScratchDatabase, type ScratchDatabase } from '../../support/test-services';

/** Epoch ms of a China-time wall clock reading, e.g. cst('2020-02-01 08:00'). */
export function cst(wall: string): number {
  return Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);
}

export interface RoundSpec {
  id: string;
  opens: string;
  closes: string;
  pickupDate: string;
  mode?: 'first_come' | 'lottery';
  quantityPerPerson?: number;
}

/**
 * One scratch MariaDB database per test file, migrated, with the real in-process hot path
 * writing bookings through the real SQL sink — the same rows the outbox consumer writes.
 */
export class OpsFixture {
  private constructor(
    readonly scratch: ScratchDatabase,
    readonly handle: DatabaseHandle,
    readonly hotPath: MemoryMaskHotPath,
    readonly audit: AuditLog,
  ) {}

  /** Applicant pseudonyms under a fixed test key (the BFF derives its key from masks.pickupCodeKey). */
  readonly applicantRef = applicantRefs(applicantRefKey('5e'.repeat(32)));

  static async open(clock: () => number = () => cst('2020-02-01 07:00')): Promise<OpsFixture> {
    const scratch = await createScratchDatabase();
    const handle = createDatabase({ mysqlUrl: scratch.url, sqlitePath: ':memory:' });
    await runMigrations(handle.db);
    const hotPath = new MemoryMaskHotPath(new SqlReservationSink(handle.db, 'mysql'));
    return new OpsFixture(scratch, handle, hotPath, new AuditLog(handle.db, clock));
  }

  get db(): Kysely<Database> {
    return this.handle.db;
  }

  /** A fresh hot path with nothing in it (as after a Redis flush). */
  emptyHotPath(): MemoryMaskHotPath {
    return new MemoryMaskHotPath(new SqlReservationSink(this.handle.db, 'mysql'));
  }

  async close(): Promise<void> {
    await this.handle.close();
    await this.scratch.drop();
  }

  async pharmacies(...ids: string[]): Promise<void> {
    await this.db
      .insertInto('pharmacies')
      .values(ids.map((id) => ({ id, name: `药店 ${id}`, address: '人民路1号', district: '黄浦区', latitude: 31.23, longitude: 121.47, phone: '021-1', opening_hours: '08:00-20:00', created_at: 0, updated_at: 0 })))
      .execute();
  }

  async round(spec: RoundSpec, quotas: Record<string, number>, options: { counters?: boolean } = {}): Promise<void> {
    await this.db
      .insertInto('mask_rounds')
      .values({
        id: spec.id,
        name: spec.id,
        opens_at: cst(spec.opens),
        closes_at: cst(spec.closes),
        pickup_date: spec.pickupDate,
        quantity_per_person: spec.quantityPerPerson ?? 5,
        mode: spec.mode ?? 'first_come',
        repeat_days: 10,
        lottery_seed: null,
        drawn_at: null,
        expired_at: null,
        created_at: 0,
      })
      .execute();
    for (const [pharmacyId, quota] of Object.entries(quotas)) {
      await this.db.insertInto('mask_quotas').values({ round_id: spec.id, pharmacy_id: pharmacyId, quota }).execute();
      // What the round admin does when quotas are set: counters = quota + rolled_in − held.
      if (options.counters ?? spec.mode !== 'lottery') await this.hotPath.setRemaining(spec.id, pharmacyId, quota);
    }
  }

  /** A first-come booking through the hot path (which writes the MySQL row via the sink). */
  async book(roundId: string, pharmacyId: string, personId: string, at: number): Promise<BookOutcome> {
    const round = await this.db.selectFrom('mask_rounds').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
    return this.hotPath.book(
      { reservationId: randomUUID(), roundId, pharmacyId, personId, holderPersonId: personId, accountId: `acct-${personId}`, pickupDate: round.pickup_date, quantity: 5, idempotencyKey: null, createdAt: at },
      at,
    );
  }

  async reservationOf(roundId: string, personId: string) {
    return this.db.selectFrom('mask_reservations').selectAll().where('round_id', '=', roundId).where('person_id', '=', personId).executeTakeFirstOrThrow();
  }

  /** As the redemption service does it: conditional update, then the hot path. */
  async redeem(roundId: string, personId: string, at: number): Promise<void> {
    const r = await this.reservationOf(roundId, personId);
    await this.db.updateTable('mask_reservations').set({ status: 'redeemed', active_person_id: null, redeemed_at: at, redeemed_by: 'pharmacist' }).where('id', '=', r.id).where('status', '=', 'reserved').execute();
    await this.hotPath.redeemed(personId, r.id, at + 10 * 86_400_000);
  }

  /** As the reservation service does it: the unit goes back only while the round is open. */
  async cancel(roundId: string, personId: string, at: number, returnUnit: boolean): Promise<void> {
    const r = await this.reservationOf(roundId, personId);
    await this.db.updateTable('mask_reservations').set({ status: 'cancelled', active_person_id: null, cancelled_at: at, unit_returned: returnUnit ? 1 : 0 }).where('id', '=', r.id).where('status', '=', 'reserved').execute();
    await this.hotPath.release(personId, r.id, roundId, r.pharmacy_id, returnUnit);
  }

  async apply(roundId: string, pharmacyId: string, personId: string, at: number): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('lottery_applications')
      .values({ id, round_id: roundId, pharmacy_id: pharmacyId, person_id: personId, holder_person_id: personId, account_id: `acct-${personId}`, created_at: at, result: null, reservation_id: null })
      .execute();
    return id;
  }

  async quotas(roundId: string): Promise<Record<string, { quota: number; rolledIn: number }>> {
    const rows = await this.db.selectFrom('mask_quotas').selectAll().where('round_id', '=', roundId).execute();
    return Object.fromEntries(rows.map((r) => [r.pharmacy_id, { quota: Number(r.quota), rolledIn: Number(r.rolled_in) }]));
  }

  async auditActions(roundId: string): Promise<string[]> {
    return (await this.audit.forTarget('mask_round', roundId)).map((a) => a.action);
  }
}
