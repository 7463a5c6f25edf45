import type { Kysely } from 'kysely';

/**
 * The service hall's registry (halls, services, windows) and queue tickets. The hot store holds
 * the live queue (numbers, order, calls); hall_tickets is its durable copy, written before a ticket
 * is answered and on every state change, and the source of the ETA-error report.
 * Lists (opening hours, closed days, materials, a window's services) are JSON text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('halls')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('district', 'varchar(40)', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('closed_days', 'text', (c) => c.notNull())
    .addColumn('remote_tickets', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hall_services')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('category', 'varchar(40)', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('expected_minutes', 'integer', (c) => c.notNull())
    .addColumn('ticket_prefix', 'varchar(1)', (c) => c.notNull())
    /** required | allowed | off */
    .addColumn('appointment_mode', 'varchar(8)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_hall_service_prefix', ['hall_id', 'ticket_prefix'])
    .execute();

  await db.schema
    .createTable('hall_windows')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('service_ids', 'text', (c) => c.notNull())
    /** open | paused | closed */
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_hall_window_number', ['hall_id', 'number'])
    .execute();

  await db.schema
    .createTable('hall_tickets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull())
    /** China-time day of the number, YYYY-MM-DD. */
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'varchar(8)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    /** The account that took it (the citizen, or the staff/kiosk that scanned the code). */
    .addColumn('taken_by', 'varchar(64)', (c) => c.notNull())
    /** remote | code */
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    /** appointment | priority | normal */
    .addColumn('ticket_class', 'varchar(12)', (c) => c.notNull())
    /** Comma-separated priority reasons (elderly, disabled, pregnant), '' for none. */
    .addColumn('priority', 'varchar(40)', (c) => c.notNull())
    .addColumn('appointment_id', 'varchar(36)')
    .addColumn('state', 'varchar(12)', (c) => c.notNull())
    /** The queue order key: arrival time, kept by a transfer. */
    .addColumn('rank_at', 'bigint', (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addColumn('arrived_at', 'bigint', (c) => c.notNull())
    .addColumn('called_at', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('window_id', 'varchar(36)')
    .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
    /** The ETA range given when the ticket was taken (minutes), for the ETA-error report. */
    .addColumn('eta_p50_min', 'integer')
    .addColumn('eta_p90_min', 'integer')
    .addColumn('transferred_from', 'varchar(36)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_hall_ticket_number', ['hall_id', 'service_id', 'day', 'seq'])
    .execute();
  await db.schema.createIndex('ix_hall_tickets_day').on('hall_tickets').columns(['hall_id', 'day']).execute();
  await db.schema.createIndex('ix_hall_tickets_person').on('hall_tickets').columns(['person_id', 'day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['hall_tickets', 'hall_windows', 'hall_services', 'halls']) await db.schema.dropTable(t).ifExists().execute();
}
