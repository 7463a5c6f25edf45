import type { Kysely, Selectable } from 'kysely';
import type { AppointmentSource, AppointmentStatus, WaitlistStatus } from '@govpass/shared-types';
import type { AppointmentWaitlistTable, AppointmentsTable, Database } from '../../infra/db/database';
import type { ArrivalIndex } from './arrival-index';
import { LIVE_STATUSES, type AppointmentRecord, type AppointmentStore, type WaitlistRecord } from './appointment-store';

const liveOf = (status: AppointmentStatus): number | null => (LIVE_STATUSES.includes(status) ? 1 : null);

function toRecord(r: Selectable<AppointmentsTable>): AppointmentRecord {
  return {
    id: r.id,
    hallId: r.hall_id,
    serviceId: r.service_id,
    personId: r.person_id,
    accountId: r.account_id,
    slotKey: r.slot_key,
    date: r.date,
    startMinute: Number(r.start_min),
    endMinute: Number(r.end_min),
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    status: r.status as AppointmentStatus,
    source: r.source as AppointmentSource,
    idempotencyKey: r.idempotency_key,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    checkedInAt: r.checked_in_at === null ? null : Number(r.checked_in_at),
  };
}

function toWaiter(r: Selectable<AppointmentWaitlistTable>): WaitlistRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    slotKey: r.slot_key,
    hallId: r.hall_id,
    serviceId: r.service_id,
    date: r.date,
    startMinute: Number(r.start_min),
    endMinute: Number(r.end_min),
    personId: r.person_id,
    accountId: r.account_id,
    status: r.status as WaitlistStatus,
    joinedAt: Number(r.joined_at),
    updatedAt: Number(r.updated_at),
    appointmentId: r.appointment_id,
  };
}

function countsByMinute(rows: { start_min: number; n: number | string | bigint }[]): Map<number, number> {
  return new Map(rows.map((r) => [Number(r.start_min), Number(r.n)]));
}

/** AppointmentStore on MySQL/MariaDB or SQLite (Kysely, parameterised). */
export class SqlAppointmentStore implements AppointmentStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Told of every row before it is written (arrival-index.ts): null without Redis. */
    private readonly arrivals: Pick<ArrivalIndex, 'mark'> | null = null,
  ) {}

  transaction<T>(fn: (store: AppointmentStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new SqlAppointmentStore(trx, this.arrivals)));
  }

  /** The transaction's (or pool's) handle, for a notice written in the same transaction. */
  get handle(): Kysely<Database> {
    return this.db;
  }

  async insert(r: AppointmentRecord): Promise<void> {
    // Marked first: a row that commits is always in the index (a mark without a row only costs a read).
    await this.arrivals?.mark(r.hallId, r.date, r.personId);
    await this.db
      .insertInto('appointments')
      .values({
        id: r.id,
        hall_id: r.hallId,
        service_id: r.serviceId,
        person_id: r.personId,
        account_id: r.accountId,
        slot_key: r.slotKey,
        date: r.date,
        start_min: r.startMinute,
        end_min: r.endMinute,
        starts_at: r.startsAt,
        ends_at: r.endsAt,
        status: r.status,
        source: r.source,
        live: liveOf(r.status),
        idempotency_key: r.idempotencyKey,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        checked_in_at: r.checkedInAt,
      })
      .execute();
  }

  async byId(id: string): Promise<AppointmentRecord | null> {
    const r = await this.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async byIdempotencyKey(key: string): Promise<AppointmentRecord | null> {
    const r = await this.db.selectFrom('appointments').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async transition(id: string, from: readonly AppointmentStatus[], to: AppointmentStatus, at: number): Promise<boolean> {
    const res = await this.db
      .updateTable('appointments')
      .set({ status: to, live: liveOf(to), updated_at: at, ...(to === 'checked_in' ? { checked_in_at: at } : {}) })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async liveHoldersOfSlot(slotKey: string): Promise<string[]> {
    const rows = await this.db.selectFrom('appointments').select('person_id').where('slot_key', '=', slotKey).where('live', '=', 1).execute();
    return rows.map((r) => r.person_id);
  }

  async liveCountsOfDay(hallId: string, serviceId: string, date: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('appointments')
      .select((eb) => ['start_min', eb.fn.countAll<number>().as('n')])
      .where('hall_id', '=', hallId)
      .where('service_id', '=', serviceId)
      .where('date', '=', date)
      .where('live', '=', 1)
      .groupBy('start_min')
      .execute();
    return countsByMinute(rows);
  }

  async liveOfPersonOnDay(personId: string, date: string): Promise<AppointmentRecord[]> {
    const rows = await this.db.selectFrom('appointments').selectAll().where('person_id', '=', personId).where('date', '=', date).where('live', '=', 1).execute();
    return rows.map(toRecord);
  }

  async ofPersons(personIds: readonly string[], fromDate: string, liveOnly: boolean): Promise<AppointmentRecord[]> {
    if (personIds.length === 0) return [];
    let q = this.db.selectFrom('appointments').selectAll().where('person_id', 'in', [...personIds]).where('date', '>=', fromDate);
    if (liveOnly) q = q.where('status', 'in', ['booked', 'checked_in']);
    const rows = await q.orderBy('starts_at').orderBy('id').limit(500).execute();
    return rows.map(toRecord);
  }

  async personsOfHallDay(hallId: string, date: string): Promise<string[]> {
    const rows = await this.db.selectFrom('appointments').select('person_id').distinct().where('hall_id', '=', hallId).where('date', '=', date).execute();
    return rows.map((r) => r.person_id);
  }

  async ofHallDay(hallId: string, date: string, serviceId?: string): Promise<AppointmentRecord[]> {
    let q = this.db.selectFrom('appointments').selectAll().where('hall_id', '=', hallId).where('date', '=', date);
    if (serviceId) q = q.where('service_id', '=', serviceId);
    const rows = await q.orderBy('starts_at').orderBy('created_at').limit(5000).execute();
    return rows.map(toRecord);
  }

  async dueNoShows(before: number, limit: number): Promise<AppointmentRecord[]> {
    const rows = await this.db.selectFrom('appointments').selectAll().where('status', '=', 'booked').where('ends_at', '<', before).orderBy('ends_at').limit(limit).execute();
    return rows.map(toRecord);
  }

  async countNoShows(personId: string, fromMs: number, toMs: number): Promise<number> {
    const r = await this.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('status', '=', 'no_show')
      .where('ends_at', '>', fromMs)
      .where('ends_at', '<=', toMs)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async noShowsPerService(hallId: string, fromMs: number, toMs: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('appointments')
      .select((eb) => ['service_id', eb.fn.countAll<number>().as('n')])
      .where('hall_id', '=', hallId)
      .where('status', '=', 'no_show')
      .where('starts_at', '>=', fromMs)
      .where('starts_at', '<', toMs)
      .groupBy('service_id')
      .execute();
    return new Map(rows.map((r) => [r.service_id, Number(r.n)]));
  }

  async blockOf(personId: string): Promise<{ blockedUntil: string; noShows: number } | null> {
    const r = await this.db.selectFrom('appointment_blocks').selectAll().where('person_id', '=', personId).executeTakeFirst();
    return r ? { blockedUntil: r.blocked_until, noShows: Number(r.no_shows) } : null;
  }

  async block(personId: string, blockedUntil: string, noShows: number, at: number): Promise<void> {
    const prior = await this.blockOf(personId);
    if (!prior) {
      await this.db.insertInto('appointment_blocks').values({ person_id: personId, blocked_until: blockedUntil, no_shows: noShows, updated_at: at }).execute();
      return;
    }
    const until = prior.blockedUntil > blockedUntil ? prior.blockedUntil : blockedUntil;
    await this.db.updateTable('appointment_blocks').set({ blocked_until: until, no_shows: noShows, updated_at: at }).where('person_id', '=', personId).execute();
  }

  async insertWaiter(w: WaitlistRecord): Promise<WaitlistRecord> {
    const res = await this.db
      .insertInto('appointment_waitlist')
      .values({
        id: w.id,
        slot_key: w.slotKey,
        hall_id: w.hallId,
        service_id: w.serviceId,
        date: w.date,
        start_min: w.startMinute,
        end_min: w.endMinute,
        person_id: w.personId,
        account_id: w.accountId,
        status: w.status,
        live: w.status === 'waiting' ? 1 : null,
        joined_at: w.joinedAt,
        updated_at: w.updatedAt,
        appointment_id: w.appointmentId,
      })
      .executeTakeFirst();
    return { ...w, seq: Number(res.insertId) };
  }

  async waiterById(id: string): Promise<WaitlistRecord | null> {
    const r = await this.db.selectFrom('appointment_waitlist').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toWaiter(r) : null;
  }

  async waitingOfSlot(slotKey: string, limit: number): Promise<WaitlistRecord[]> {
    const rows = await this.db.selectFrom('appointment_waitlist').selectAll().where('slot_key', '=', slotKey).where('status', '=', 'waiting').orderBy('seq').limit(limit).execute();
    return rows.map(toWaiter);
  }

  async transitionWaiter(id: string, from: WaitlistStatus, to: WaitlistStatus, at: number, appointmentId?: string): Promise<boolean> {
    const res = await this.db
      .updateTable('appointment_waitlist')
      .set({ status: to, live: to === 'waiting' ? 1 : null, updated_at: at, ...(appointmentId ? { appointment_id: appointmentId } : {}) })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async waitingCountsOfDay(hallId: string, serviceId: string, date: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('appointment_waitlist')
      .select((eb) => ['start_min', eb.fn.countAll<number>().as('n')])
      .where('hall_id', '=', hallId)
      .where('service_id', '=', serviceId)
      .where('date', '=', date)
      .where('status', '=', 'waiting')
      .groupBy('start_min')
      .execute();
    return countsByMinute(rows);
  }

  async waitersOfPersons(personIds: readonly string[], fromDate: string): Promise<WaitlistRecord[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom('appointment_waitlist').selectAll().where('person_id', 'in', [...personIds]).where('date', '>=', fromDate).orderBy('seq').limit(200).execute();
    return rows.map(toWaiter);
  }

  async expireWaiters(today: string, minute: number, at: number): Promise<number> {
    const res = await this.db
      .updateTable('appointment_waitlist')
      .set({ status: 'expired', live: null, updated_at: at })
      .where('status', '=', 'waiting')
      .where((eb) => eb.or([eb('date', '<', today), eb.and([eb('date', '=', today), eb('start_min', '<=', minute)])]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async slotsWithWaiters(fromDate: string, limit: number): Promise<WaitlistRecord[]> {
    const firsts = await this.db
      .selectFrom('appointment_waitlist')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('status', '=', 'waiting')
      .where('date', '>=', fromDate)
      .groupBy('slot_key')
      .limit(limit)
      .execute();
    if (firsts.length === 0) return [];
    const rows = await this.db.selectFrom('appointment_waitlist').selectAll().where('seq', 'in', firsts.map((f) => Number(f.seq))).execute();
    return rows.map(toWaiter);
  }

  async positionOf(entry: WaitlistRecord): Promise<number> {
    const r = await this.db
      .selectFrom('appointment_waitlist')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('slot_key', '=', entry.slotKey)
      .where('status', '=', 'waiting')
      .where('seq', '<=', entry.seq)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
