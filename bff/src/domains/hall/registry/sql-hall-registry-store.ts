import type { Kysely, Selectable } from 'kysely';
import { AppointmentMode, OpeningPeriod, WindowStatus, MaterialItem, type Hall, type HallService, type HallWindow } from '@govpass/shared-types';
import { z } from 'zod';
import { AppError } from '../../../core/app-error';
import type { Database, HallServicesTable, HallsTable, HallWindowsTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { HallRegistryStore } from './hall-registry-store';

type Db = Kysely<Database>;

const Hours = z.array(OpeningPeriod);
const Days = z.array(z.string());
const Materials = z.array(MaterialItem);
const Ids = z.array(z.string());

function hallOf(r: Selectable<HallsTable>): Hall {
  const location = r.latitude === null || r.longitude === null ? null : { lat: Number(r.latitude), lng: Number(r.longitude) };
  return { id: r.id, name: r.name, address: r.address, district: r.district, location, openingHours: Hours.parse(JSON.parse(r.opening_hours)), closedDays: Days.parse(JSON.parse(r.closed_days)), remoteTickets: Number(r.remote_tickets) === 1 };
}

function serviceOf(r: Selectable<HallServicesTable>): HallService {
  return { id: r.id, hallId: r.hall_id, name: r.name, category: r.category, materials: Materials.parse(JSON.parse(r.materials)), expectedMinutes: Number(r.expected_minutes), ticketPrefix: r.ticket_prefix, appointmentMode: AppointmentMode.parse(r.appointment_mode) };
}

function windowOf(r: Selectable<HallWindowsTable>): HallWindow {
  return { id: r.id, hallId: r.hall_id, number: Number(r.number), name: r.name, serviceIds: Ids.parse(JSON.parse(r.service_ids)), status: WindowStatus.parse(r.status) };
}

function conflict(err: unknown, what: string): never {
  if (isUniqueViolation(err)) throw new AppError(409, 'HALL_CONFLICT', what);
  throw err;
}

/** The registry on MySQL/SQLite through Kysely; saves are upserts by id. */
export class SqlHallRegistryStore implements HallRegistryStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async listHalls(): Promise<Hall[]> {
    return (await this.db.selectFrom('halls').selectAll().orderBy('id').execute()).map(hallOf);
  }

  async getHall(id: string): Promise<Hall | null> {
    const r = await this.db.selectFrom('halls').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? hallOf(r) : null;
  }

  async saveHall(hall: Hall, db: Db = this.db): Promise<void> {
    const row = { name: hall.name, address: hall.address, district: hall.district, latitude: hall.location?.lat ?? null, longitude: hall.location?.lng ?? null, opening_hours: JSON.stringify(hall.openingHours), closed_days: JSON.stringify(hall.closedDays), remote_tickets: hall.remoteTickets ? 1 : 0, updated_at: this.now() };
    const exists = await db.selectFrom('halls').select('id').where('id', '=', hall.id).executeTakeFirst();
    if (exists) await db.updateTable('halls').set(row).where('id', '=', hall.id).execute();
    else await db.insertInto('halls').values({ id: hall.id, ...row, created_at: this.now() }).execute();
  }

  async listServices(hallId: string): Promise<HallService[]> {
    return (await this.db.selectFrom('hall_services').selectAll().where('hall_id', '=', hallId).orderBy('ticket_prefix').execute()).map(serviceOf);
  }

  async getService(id: string): Promise<HallService | null> {
    const r = await this.db.selectFrom('hall_services').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? serviceOf(r) : null;
  }

  async saveService(s: HallService, db: Db = this.db): Promise<void> {
    const row = { hall_id: s.hallId, name: s.name, category: s.category, materials: JSON.stringify(s.materials), expected_minutes: s.expectedMinutes, ticket_prefix: s.ticketPrefix, appointment_mode: s.appointmentMode, updated_at: this.now() };
    try {
      const exists = await db.selectFrom('hall_services').select('id').where('id', '=', s.id).executeTakeFirst();
      if (exists) await db.updateTable('hall_services').set(row).where('id', '=', s.id).execute();
      else await db.insertInto('hall_services').values({ id: s.id, ...row, created_at: this.now() }).execute();
    } catch (err) {
      conflict(err, `Ticket prefix ${s.ticketPrefix} is already used in this hall`);
    }
  }

  async listWindows(hallId: string): Promise<HallWindow[]> {
    return (await this.db.selectFrom('hall_windows').selectAll().where('hall_id', '=', hallId).orderBy('number').execute()).map(windowOf);
  }

  async getWindow(id: string): Promise<HallWindow | null> {
    const r = await this.db.selectFrom('hall_windows').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? windowOf(r) : null;
  }

  async saveWindow(w: HallWindow, db: Db = this.db): Promise<void> {
    const row = { hall_id: w.hallId, number: w.number, name: w.name, service_ids: JSON.stringify(w.serviceIds), status: w.status, updated_at: this.now() };
    try {
      const exists = await db.selectFrom('hall_windows').select('id').where('id', '=', w.id).executeTakeFirst();
      if (exists) await db.updateTable('hall_windows').set(row).where('id', '=', w.id).execute();
      else await db.insertInto('hall_windows').values({ id: w.id, ...row, created_at: this.now() }).execute();
    } catch (err) {
      conflict(err, `Window number ${w.number} is already used in this hall`);
    }
  }

  async setWindowStatus(id: string, status: HallWindow['status']): Promise<void> {
    await this.db.updateTable('hall_windows').set({ status, updated_at: this.now() }).where('id', '=', id).execute();
  }

  async saveAll(rows: { halls: Hall[]; services: HallService[]; windows: HallWindow[] }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const h of rows.halls) await this.saveHall(h, trx);
      for (const s of rows.services) await this.saveService(s, trx);
      for (const w of rows.windows) await this.saveWindow(w, trx);
    });
  }
}
