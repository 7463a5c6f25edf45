import type { Kysely } from 'kysely';
import type { Venue, VenueType } from '@govpass/shared-types';
import type { Database, VenuesTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import { AppError } from '../../../core/app-error';

export interface StoredVenue extends Venue {
  managerAccountId: string | null;
  /** Epoch ms: also the poster code's issue time. */
  createdAtMs: number;
}

function fromRow(r: VenuesTable): StoredVenue {
  const createdAtMs = Number(r.created_at);
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    district: r.district,
    type: r.type as VenueType,
    lat: Number(r.latitude),
    lng: Number(r.longitude),
    createdAt: new Date(createdAtMs).toISOString(),
    managerAccountId: r.manager_account_id,
    createdAtMs,
  };
}

export function toRow(v: StoredVenue): VenuesTable {
  return { id: v.id, name: v.name, address: v.address, district: v.district, type: v.type, latitude: v.lat, longitude: v.lng, manager_account_id: v.managerAccountId, created_at: v.createdAtMs };
}

/** Venues in MySQL (or SQLite). */
export class SqlVenueStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** 409 CONFLICT when the id is taken. */
  async insert(venues: readonly StoredVenue[], trx: Kysely<Database> = this.db): Promise<void> {
    try {
      for (let i = 0; i < venues.length; i += 500) await trx.insertInto('venues').values(venues.slice(i, i + 500).map(toRow)).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'CONFLICT', 'A venue with this id exists');
      throw err;
    }
  }

  async findById(id: string): Promise<StoredVenue | null> {
    const row = await this.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<StoredVenue[]> {
    if (ids.length === 0) return [];
    return (await this.db.selectFrom('venues').selectAll().where('id', 'in', [...ids]).execute()).map(fromRow);
  }

  /** A manager's venues: registered by them, or named by one of their scoped grants. */
  async listFor(accountId: string, scopedIds: readonly string[]): Promise<StoredVenue[]> {
    const rows = await this.db
      .selectFrom('venues')
      .selectAll()
      .where((eb) => (scopedIds.length > 0 ? eb.or([eb('manager_account_id', '=', accountId), eb('id', 'in', [...scopedIds])]) : eb('manager_account_id', '=', accountId)))
      .orderBy('created_at')
      .execute();
    return rows.map(fromRow);
  }

  async listAll(limit = 1000): Promise<StoredVenue[]> {
    return (await this.db.selectFrom('venues').selectAll().orderBy('created_at').limit(limit).execute()).map(fromRow);
  }

  /** Check-in times at a venue in [from, until): what the counts are made of (never who). */
  async checkinTimes(venueId: string, from: number, until: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('venue_checkins')
      .select('checked_in_at')
      .where('venue_id', '=', venueId)
      .where('checked_in_at', '>=', from)
      .where('checked_in_at', '<', until)
      .execute();
    return rows.map((r) => Number(r.checked_in_at));
  }
}
