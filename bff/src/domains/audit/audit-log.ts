import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';

export interface AuditEntry {
  /** Account id of the operator, or 'cli:<user>' for the admin command line. */
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId?: string | null;
  /** Free-form context. Never put an ID number, name or token here. */
  details?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: number;
}

/** Every operator action leaves a row here: who, what, when, on which target. */
export class AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(entry: AuditEntry, trx: Kysely<Database> = this.db): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        at: this.now(),
        actor: entry.actor,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        request_id: entry.requestId ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
  }

  async forTarget(targetType: string, targetId: string): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      requestId: r.request_id,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : undefined,
    }));
  }
}
