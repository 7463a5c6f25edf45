import type { Kysely } from 'kysely';

/**
 * The health code. Official inputs (lists, test results) are keyed by the keyed hash of the ID
 * number, so a list can name people who never opened govpass; they meet their rows when they
 * verify (persons.id_hash). health_status is the durable copy of the computed colour: the hot
 * store can always be refilled from it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('health_list_entries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    /** confirmed | suspected | close_contact | secondary_contact */
    .addColumn('list', 'varchar(24)', (c) => c.notNull())
    /** Diagnosis or last contact, YYYY-MM-DD. */
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('released_on', 'varchar(10)')
    .addColumn('import_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_health_list_entry', ['id_hash', 'list', 'date'])
    .execute();

  await db.schema
    .createTable('health_test_results')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    /** negative | positive */
    .addColumn('result', 'varchar(8)', (c) => c.notNull())
    .addColumn('sampled_at', 'bigint', (c) => c.notNull())
    .addColumn('import_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_health_test_sample', ['id_hash', 'sampled_at'])
    .execute();

  await db.schema
    .createTable('health_declarations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    /** JSON array of symptom codes. */
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_health_decl_hash').on('health_declarations').column('id_hash').execute();

  // One row per district named by a declaration: a risk-area change finds the people it can affect by index.
  await db.schema
    .createTable('health_travel')
    .addColumn('declaration_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('district', 'varchar(64)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_health_travel', ['declaration_id', 'district', 'date'])
    .execute();
  await db.schema.createIndex('ix_health_travel_district').on('health_travel').columns(['district', 'date']).execute();
  await db.schema.createIndex('ix_health_travel_hash').on('health_travel').column('id_hash').execute();

  await db.schema
    .createTable('health_exposures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    /** Where it came from, e.g. venue:<id>; with the date it makes a repeated report harmless. */
    .addColumn('source', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_health_exposure', ['id_hash', 'date', 'source'])
    .execute();

  await db.schema
    .createTable('health_risk_areas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('district', 'varchar(64)', (c) => c.notNull())
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('from_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('until_date', 'varchar(10)')
    .execute();

  await db.schema
    .createTable('health_status')
    .addColumn('person_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('colour', 'varchar(8)', (c) => c.notNull())
    /** JSON array of HealthReason. */
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('green_from', 'varchar(10)')
    /** First day on which the calendar alone can change the answer (a reason ends): recompute when read then. */
    .addColumn('review_on', 'varchar(10)')
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('health_colour_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('from_colour', 'varchar(8)')
    .addColumn('to_colour', 'varchar(8)', (c) => c.notNull())
    .addColumn('cause', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_health_changes_person').on('health_colour_changes').columns(['person_id', 'at']).execute();

  await db.schema
    .createTable('health_appeals')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('colour_at_filing', 'varchar(8)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** open | upheld | overridden */
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'varchar(64)')
    .addColumn('decision_note', 'text')
    .addColumn('override_colour', 'varchar(8)')
    .addColumn('override_until', 'varchar(10)')
    .execute();
  await db.schema.createIndex('ix_health_appeals_status').on('health_appeals').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('ix_health_appeals_person').on('health_appeals').column('person_id').execute();

  await db.schema
    .createTable('health_jobs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    /** queued | running | done | failed */
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
}

const TABLES = ['health_jobs', 'health_appeals', 'health_colour_changes', 'health_status', 'health_risk_areas', 'health_exposures', 'health_travel', 'health_declarations', 'health_test_results', 'health_list_entries'];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
