import type { Kysely } from 'kysely';

/**
 * A citizen's rights over their account (docs/privacy.md).
 *
 * - `account_sessions`: the listing of an account's live sessions (我的 → 登录设备). The hot store's
 *   session record stays the only proof a token is valid; a row here only names it (by the same
 *   token hash the hot-store key is built from) so that it can be listed and revoked by id. A row
 *   is deleted when its session is revoked; rows of expired sessions are dropped when listed.
 * - `privacy_consents`: which version of the privacy policy an account agreed to, and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    /** e.g. 203.0.113.* — never the full address. */
    .addColumn('ip_masked', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_account_sessions_account').on('account_sessions').column('account_id').execute();

  await db.schema
    .createTable('privacy_consents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('version', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('agreed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_privacy_consents_account').on('privacy_consents').columns(['account_id', 'agreed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('privacy_consents').ifExists().execute();
  await db.schema.dropTable('account_sessions').ifExists().execute();
}
