import type { Kysely } from 'kysely';

/**
 * The console's audit log is read newest first, filtered by actor or action (GET /api/v1/admin/audit):
 * without these, every page of one operator's actions scans the whole log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ix_audit_log_actor').on('audit_log').columns(['actor', 'id']).execute();
  await db.schema.createIndex('ix_audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('ix_audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['ix_audit_log_at', 'ix_audit_log_action', 'ix_audit_log_actor']) await db.schema.dropIndex(name).on('audit_log').execute();
}
