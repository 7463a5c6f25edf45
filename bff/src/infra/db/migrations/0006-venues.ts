import type { Kysely } from 'kysely';

/**
 * Venue codes (场所码), check-ins and contact tracing. venue_checkins is the big table (a city
 * writes millions a day, kept retentionDays): every read of it goes through an index that starts
 * with the venue or the person and then the time, so tracing costs what the case's check-ins
 * cost, not the table; the purge walks the time index. Check-ins carry no name or ID number (only
 * ids): identities reach officials only through a trace's masked report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('venues')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('address', 'varchar(255)', (c) => c.notNull())
    .addColumn('district', 'varchar(40)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    /** The venue manager's account that registered it (null: registered or imported by an admin). */
    .addColumn('manager_account_id', 'varchar(36)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_venues_manager').on('venues').column('manager_account_id').execute();

  await db.schema
    .createTable('venue_checkins')
    /** Made by the BFF before the hot-store append: a redelivered stream entry is an ignored duplicate. */
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('venue_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    /** Who scanned (the holder, for a family member's check-in). */
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('checked_in_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_venue_checkins_venue_time').on('venue_checkins').columns(['venue_id', 'checked_in_at']).execute();
  await db.schema.createIndex('ix_venue_checkins_person_time').on('venue_checkins').columns(['person_id', 'checked_in_at']).execute();
  await db.schema.createIndex('ix_venue_checkins_time').on('venue_checkins').column('checked_in_at').execute();

  await db.schema
    .createTable('venue_traces')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_until', 'bigint', (c) => c.notNull())
    .addColumn('note', 'varchar(255)')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    /** The report as JSON (venues, exposed people as masked names): what GET and the CSV show. */
    .addColumn('report', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_venue_trace_case_window', ['case_person_id', 'window_from', 'window_until'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('venue_traces').ifExists().execute();
  await db.schema.dropTable('venue_checkins').ifExists().execute();
  await db.schema.dropTable('venues').ifExists().execute();
}
