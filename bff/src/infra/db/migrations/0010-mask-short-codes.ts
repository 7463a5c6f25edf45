import type { Kysely } from 'kysely';

/**
 * The short numeric 取货码 of a mask reservation (docs/masks-hot-path.md "Short codes"): 10 digits,
 * unique per pharmacy × pickup day. The hot path issues them unique by construction (a per
 * pharmacy × day sequence through a keyed permutation); this index is the database's own guarantee,
 * and the counter's look-up "this code, this pharmacy, today". NULL for rows without one (lottery
 * wins, bookings made before this migration, a row refused for a second active booking): a unique
 * index admits any number of NULLs in MySQL and SQLite alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mask_reservations').addColumn('short_code', 'char(10)').execute();
  await db.schema.createIndex('uq_mask_res_short_code').on('mask_reservations').columns(['pharmacy_id', 'pickup_date', 'short_code']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('uq_mask_res_short_code').on('mask_reservations').execute();
  await db.schema.alterTable('mask_reservations').dropColumn('short_code').execute();
}
