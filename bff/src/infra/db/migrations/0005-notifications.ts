import type { Kysely } from 'kysely';

/**
 * One durable notification outbox for every domain. A row is one message to one account (an event
 * for a person with a WeChat and an Alipay account is two rows, so one platform failing never
 * re-sends on the other). `dedupe_key` makes enqueueing the same event twice one row per account.
 * A dispatcher claims a row by moving `next_attempt_at` past now under a fresh `claim_token`
 * while it stays `pending`; a process that dies mid-send leaves it to be claimed again after the lease.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'varchar(191)', (c) => c.notNull().unique())
    .addColumn('template', 'varchar(48)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)')
    /** NULL when the person had no account when the event happened: kept (skipped) as a record. */
    .addColumn('account_id', 'varchar(36)')
    .addColumn('data', 'text', (c) => c.notNull())
    /** pending | sent | failed | skipped */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claim_token', 'varchar(36)')
    /** A reason code ('wechat:43101', 'http_503'); never upstream free text. */
    .addColumn('last_error', 'varchar(255)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('ix_notification_outbox_due').on('notification_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('ix_notification_outbox_person').on('notification_outbox').column('person_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_outbox').ifExists().execute();
}
