import type { Kysely } from 'kysely';

/**
 * Personal codes (docs/personal-code.md). A ref is 8 random bytes stored as 16 lowercase hex
 * characters: MariaDB compares text case-insensitively by default, which base64url would not survive.
 * `person_code_refs` names the person behind a live code; `printed_codes` one row per printed card,
 * its ref unique across cards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_code_refs')
    .addColumn('person_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('ref', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('printed_codes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('ref', 'varchar(16)', (c) => c.notNull().unique())
    /** The account that printed it, or 'admin:<account id>'. */
    .addColumn('issued_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('ix_printed_codes_person').on('printed_codes').columns(['person_id', 'issued_at']).execute();
  await db.schema.createIndex('ix_printed_codes_revoked').on('printed_codes').columns(['revoked_at', 'expires_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['printed_codes', 'person_code_refs']) await db.schema.dropTable(t).ifExists().execute();
}
