import type { Kysely } from 'kysely';

/**
 * Hall tickets reach MySQL through the durable stream (docs/hall.md, "Durability"): a consumer
 * upserts each ticket's latest state. `rev` is the hall-day's change counter when the entry was
 * made, so an older entry written late (two consumers, a redelivery) never overwrites a newer
 * state. hall_ticket_events remembers the entries already written, so the audit row an entry
 * carries is written once however often it is delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hall_tickets').addColumn('rev', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('hall_ticket_events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('written_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_hall_ticket_events_at').on('hall_ticket_events').column('written_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ix_hall_ticket_events_at').on('hall_ticket_events').execute();
  await db.schema.dropTable('hall_ticket_events').execute();
  await db.schema.alterTable('hall_tickets').dropColumn('rev').execute();
}
