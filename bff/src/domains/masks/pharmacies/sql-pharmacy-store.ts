import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PharmaciesTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { PharmacyRecord, PharmacyStore } from './pharmacy-store';

function toPharmacy(r: Selectable<PharmaciesTable>): PharmacyRecord {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    district: r.district,
    lat: Number(r.latitude),
    lng: Number(r.longitude),
    phone: r.phone,
    openingHours: r.opening_hours,
  };
}

function columns(p: PharmacyRecord) {
  return { name: p.name, address: p.address, district: p.district, latitude: p.lat, longitude: p.lng, phone: p.phone, opening_hours: p.openingHours };
}

const SEARCHED = ['id', 'name', 'district', 'address', 'phone'] as const;

/**
 * `column LIKE %word%` with the word taken literally. '!' escapes: MySQL and SQLite read a
 * backslash in a string literal differently, '!' alike.
 */
function contains(column: (typeof SEARCHED)[number], word: string) {
  return sql<boolean>`${sql.ref(column)} like ${`%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`} escape '!'`;
}

export class SqlPharmacyStore implements PharmacyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async listAll(): Promise<PharmacyRecord[]> {
    return (await this.db.selectFrom('pharmacies').selectAll().orderBy('id').execute()).map(toPharmacy);
  }

  async page(words: string[], offset: number, limit: number): Promise<{ items: PharmacyRecord[]; total: number }> {
    const matching = this.db.selectFrom('pharmacies').where((eb) =>
      eb.and(words.map((w) => eb.or(SEARCHED.map((c) => contains(c, w))))),
    );
    const [rows, count] = await Promise.all([
      matching.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
      matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toPharmacy), total: Number(count.n) };
  }

  async findById(id: string): Promise<PharmacyRecord | null> {
    const row = await this.db.selectFrom('pharmacies').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPharmacy(row) : null;
  }

  async insert(p: PharmacyRecord): Promise<boolean> {
    const at = this.now();
    try {
      await this.db.insertInto('pharmacies').values({ id: p.id, ...columns(p), created_at: at, updated_at: at }).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async update(p: PharmacyRecord): Promise<boolean> {
    const res = await this.db.updateTable('pharmacies').set({ ...columns(p), updated_at: this.now() }).where('id', '=', p.id).executeTakeFirst();
    // MySQL counts rows changed, not matched: an identical PUT must still say "found".
    return Number(res.numUpdatedRows) > 0 || (await this.findById(p.id)) !== null;
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('pharmacies').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async isReferenced(id: string): Promise<boolean> {
    const quota = await this.db.selectFrom('mask_quotas').select('round_id').where('pharmacy_id', '=', id).limit(1).executeTakeFirst();
    if (quota) return true;
    const res = await this.db.selectFrom('mask_reservations').select('id').where('pharmacy_id', '=', id).limit(1).executeTakeFirst();
    return res !== undefined;
  }
}
