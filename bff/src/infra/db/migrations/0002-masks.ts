import type { Kysely } from 'kysely';

/**
 * Mask reservations. The unique keys are the last line of defence behind the hot path:
 * `active_person_id` holds the person's id only while a reservation is outstanding (NULL after),
 * so "one active reservation per person" holds in MySQL even if every other layer failed;
 * the primary key on the reservation id makes the outbox consumer's inserts idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mask_rounds')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('opens_at', 'bigint', (c) => c.notNull())
    .addColumn('closes_at', 'bigint', (c) => c.notNull())
    .addColumn('pickup_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('quantity_per_person', 'integer', (c) => c.notNull())
    .addColumn('mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('repeat_days', 'integer', (c) => c.notNull())
    .addColumn('lottery_seed', 'varchar(128)')
    .addColumn('drawn_at', 'bigint')
    .addColumn('expired_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_mask_rounds_opens').on('mask_rounds').column('opens_at').execute();

  await db.schema
    .createTable('mask_quotas')
    .addColumn('round_id', 'varchar(36)', (c) => c.notNull().references('mask_rounds.id'))
    .addColumn('pharmacy_id', 'varchar(36)', (c) => c.notNull().references('pharmacies.id'))
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('rolled_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_mask_quotas', ['round_id', 'pharmacy_id'])
    .execute();

  await db.schema
    .createTable('family_members')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('holder_person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('member_person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('relation', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_family_members', ['holder_person_id', 'member_person_id'])
    .execute();

  await db.schema
    .createTable('mask_reservations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('pharmacy_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    /** The verified person whose pickup code serves (the booker; differs from person_id for family). */
    .addColumn('holder_person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('pickup_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    /** reserved | redeemed | expired | cancelled */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('active_person_id', 'varchar(36)', (c) => c.unique())
    .addColumn('idempotency_key', 'varchar(128)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('redeemed_at', 'bigint')
    .addColumn('redeemed_by', 'varchar(36)')
    .addColumn('cancelled_at', 'bigint')
    /** 1 when a cancellation gave the unit back to the pharmacy's remaining count (round still open). */
    .addColumn('unit_returned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expired_at', 'bigint')
    .execute();
  await db.schema.createIndex('ix_mask_res_round_pharmacy').on('mask_reservations').columns(['round_id', 'pharmacy_id', 'status']).execute();
  await db.schema.createIndex('ix_mask_res_person').on('mask_reservations').columns(['person_id', 'status']).execute();
  await db.schema.createIndex('ix_mask_res_holder').on('mask_reservations').column('holder_person_id').execute();

  await db.schema
    .createTable('lottery_applications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('pharmacy_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('holder_person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    /** null until the draw; then won | lost */
    .addColumn('result', 'varchar(8)')
    .addColumn('reservation_id', 'varchar(36)')
    .addUniqueConstraint('uq_lottery_round_person', ['round_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['lottery_applications', 'mask_reservations', 'family_members', 'mask_quotas', 'mask_rounds']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
