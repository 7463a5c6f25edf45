import type { Kysely } from 'kysely';

/**
 * Hall staff settings beside the registry (kept out of hall_services/hall_windows so the registry
 * and the queue's hot path are untouched):
 * - hall_window_shifts: which window a window staff member is signed in at. The account is the key
 *   (one window per person) and the window is unique (one person per window), so two concurrent
 *   sign-ins can never both hold; `day` (China time) ends a sign-in at midnight.
 * - hall_service_slot_settings: a service's appointment slot length and places per slot, set by
 *   its hall's manager; absent or null = the appointments config.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hall_window_shifts')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('window_id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('signed_in_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_hall_window_shifts_hall').on('hall_window_shifts').columns(['hall_id', 'day']).execute();

  await db.schema
    .createTable('hall_service_slot_settings')
    .addColumn('service_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer')
    .addColumn('slot_capacity', 'integer')
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hall_service_slot_settings').execute();
  await db.schema.dropTable('hall_window_shifts').execute();
}
