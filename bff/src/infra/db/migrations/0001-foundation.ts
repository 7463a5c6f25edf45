import type { Kysely } from 'kysely';

// Types are chosen to mean the same on MySQL and SQLite: varchar ids, bigint epoch-ms times.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('id_cipher', 'varchar(255)', (c) => c.notNull())
    .addColumn('name_cipher', 'varchar(255)', (c) => c.notNull())
    .addColumn('birth_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel_user_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('union_id', 'varchar(128)')
    .addColumn('person_id', 'varchar(36)', (c) => c.references('persons.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_accounts_channel_user', ['channel', 'channel_user_id'])
    .execute();
  await db.schema.createIndex('ix_accounts_person').on('accounts').column('person_id').execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('scope_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('granted_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_role_grants', ['account_id', 'role', 'scope_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('ix_audit_log_target').on('audit_log').columns(['target_type', 'target_id']).execute();

  await db.schema
    .createTable('registry_entries')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name_hash', 'varchar(64)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pharmacies')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('address', 'varchar(255)', (c) => c.notNull())
    .addColumn('district', 'varchar(64)', (c) => c.notNull())
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('opening_hours', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_pharmacies_district').on('pharmacies').column('district').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['pharmacies', 'registry_entries', 'audit_log', 'role_grants', 'accounts', 'persons']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
