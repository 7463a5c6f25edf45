import type { Kysely } from 'kysely';

/**
 * `account_erasures`: an account whose deletion has begun (docs/privacy.md, "Bookings in flight").
 * Written first by DELETE /api/v1/me, before the sessions end; the masks sink refuses to record a
 * booking of such an account in the same transaction that writes bookings, so a booking that
 * authenticated just before the deletion cannot land after the masks step. Only the account's
 * UUID and when; purged by the retention job after `retention.erasureTombstoneDays`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_erasures')
    .addColumn('account_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_account_erasures_started').on('account_erasures').column('started_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_erasures').ifExists().execute();
}
