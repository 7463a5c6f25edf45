import type { Kysely } from 'kysely';

/**
 * Service-hall appointments (预约), their waitlists and no-show blocks, and visit ratings (好差评)
 * with their follow-ups (docs/appointments.md).
 *
 * MySQL is the durable truth; Redis holds per-slot counters rebuilt from `appointments` when lost.
 * `live` is 1 while a row holds its place or its waiting turn and NULL otherwise: unique indexes
 * over it (NULLs never collide, on MariaDB and SQLite alike) say "one live appointment per person
 * per hall per day, one per service per day, one waiting turn per slot" without partial indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    /** Who booked (the person or a family holder). */
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    /** hall|service|date|startMinute: the slot, for counts and waitlists. */
    .addColumn('slot_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_min', 'integer', (c) => c.notNull())
    .addColumn('end_min', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    /** booked | checked_in | no_show | cancelled | declined */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    /** booking | waitlist */
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('live', 'integer')
    /** accountId:Idempotency-Key of the booking request. */
    .addColumn('idempotency_key', 'varchar(120)', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('checked_in_at', 'bigint')
    .execute();
  await db.schema.createIndex('ux_appointments_person_hall_day').on('appointments').columns(['person_id', 'hall_id', 'date', 'live']).unique().execute();
  await db.schema.createIndex('ux_appointments_person_service_day').on('appointments').columns(['person_id', 'service_id', 'date', 'live']).unique().execute();
  await db.schema.createIndex('ix_appointments_slot').on('appointments').columns(['slot_key', 'live']).execute();
  await db.schema.createIndex('ix_appointments_due').on('appointments').columns(['status', 'ends_at']).execute();
  await db.schema.createIndex('ix_appointments_hall_day').on('appointments').columns(['hall_id', 'date']).execute();

  await db.schema
    .createTable('appointment_waitlist')
    /** Turn order: joins in the same millisecond (or on two BFFs with skewed clocks) keep their order. */
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('slot_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_min', 'integer', (c) => c.notNull())
    .addColumn('end_min', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    /** waiting | offered | left | skipped | expired */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('live', 'integer')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('appointment_id', 'varchar(36)')
    .execute();
  await db.schema.createIndex('ux_waitlist_slot_person').on('appointment_waitlist').columns(['slot_key', 'person_id', 'live']).unique().execute();
  await db.schema.createIndex('ix_waitlist_slot_turn').on('appointment_waitlist').columns(['slot_key', 'status', 'seq']).execute();
  await db.schema.createIndex('ix_waitlist_person').on('appointment_waitlist').column('person_id').execute();

  await db.schema
    .createTable('appointment_blocks')
    .addColumn('person_id', 'varchar(36)', (c) => c.primaryKey())
    /** Booking is refused before this China date. */
    .addColumn('blocked_until', 'varchar(10)', (c) => c.notNull())
    .addColumn('no_shows', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hall_ratings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    /** 一次一评: one rating per visit (ticket). */
    .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('window_id', 'varchar(36)')
    .addColumn('grade', 'varchar(20)', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    /** JSON array of short tags. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('visit_completed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_hall_ratings_hall').on('hall_ratings').columns(['hall_id', 'created_at']).execute();

  await db.schema
    .createTable('hall_rating_follow_ups')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('rating_id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    /** open | closed */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('closed_by', 'varchar(36)')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_follow_ups_hall').on('hall_rating_follow_ups').columns(['hall_id', 'status', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hall_rating_follow_ups', 'hall_ratings', 'appointment_blocks', 'appointment_waitlist', 'appointments']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
