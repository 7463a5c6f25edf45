import { MysqlAdapter, type Kysely } from 'kysely';

/**
 * A round's life after creation (docs/lottery.md, docs/masks-hot-path.md § Rounds).
 *
 * - mask_rounds.closed_early_at / cancelled_at / change_reason: an administrator closed the round
 *   before its planned end (closes_at is then moved to that instant; planned_closes_at keeps the
 *   original) or cancelled it.
 * - mask_rounds.expire_outcome: the first expiry's answer (JSON: rolledInto, rolled), so a
 *   repeated expire tells a retrying client where the units went.
 * - mask_rounds.lottery_ref_scheme: which applicant identifiers the draw ranked ('applicant-ref'
 *   = keyed hashes, published; null = person ids, draws made before this migration).
 * - mask_quotas.unbooked_out: units never booked in the round, passed to the next round at expiry.
 * - lottery_applications.result may now also be 'ineligible' or 'cancelled'; ineligible_reason says why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite (the embedded default) adds only one at a time.
  const columns = [['planned_closes_at', 'bigint'], ['closed_early_at', 'bigint'], ['cancelled_at', 'bigint'], ['change_reason', 'varchar(255)'], ['expire_outcome', 'text'], ['lottery_ref_scheme', 'varchar(16)']] as const;
  for (const [name, type] of columns) await db.schema.alterTable('mask_rounds').addColumn(name, type).execute();
  await db.schema.alterTable('mask_quotas').addColumn('unbooked_out', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // SQLite does not enforce varchar lengths (and cannot modify a column); MySQL must widen it.
  if (db.getExecutor().adapter instanceof MysqlAdapter) await db.schema.alterTable('lottery_applications').modifyColumn('result', 'varchar(12)').execute();
  await db.schema.alterTable('lottery_applications').addColumn('ineligible_reason', 'varchar(32)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lottery_applications').dropColumn('ineligible_reason').execute();
  await db.schema.alterTable('mask_quotas').dropColumn('unbooked_out').execute();
  for (const c of ['lottery_ref_scheme', 'expire_outcome', 'change_reason', 'cancelled_at', 'closed_early_at', 'planned_closes_at']) {
    await db.schema.alterTable('mask_rounds').dropColumn(c).execute();
  }
}
