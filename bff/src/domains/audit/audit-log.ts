import { sql, type Kysely } from 'kysely';
import type { AuditListResponse, AuditQuery } from '@govpass/shared-types';
import { addDays, chinaMidnight } from '../../core/china-date';
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

  /** Several entries in one statement (a stream consumer's batch), in order. */
  async recordMany(entries: readonly AuditEntry[], trx: Kysely<Database> = this.db): Promise<void> {
    if (entries.length === 0) return;
    const at = this.now();
    await trx
      .insertInto('audit_log')
      .values(entries.map((entry) => ({ at, actor: entry.actor, action: entry.action, target_type: entry.targetType, target_id: entry.targetId, request_id: entry.requestId ?? null, details: entry.details ? JSON.stringify(entry.details) : null })))
      .execute();
  }

  /**
   * Newest first. An action ending in `.` is a prefix (`role.` = grants and revokes); `to` is an
   * inclusive China date. Ordered by id, which grows with `at`, so a page is one index range.
   */
  async search(q: AuditQuery): Promise<AuditListResponse> {
    let query = this.db.selectFrom('audit_log');
    if (q.actor) query = query.where('actor', '=', q.actor);
    if (q.action?.endsWith('.')) query = query.where(sql<boolean>`action like ${`${q.action.replace(/[!%_]/g, '!$&')}%`} escape '!'`);
    else if (q.action) query = query.where('action', '=', q.action);
    if (q.from) query = query.where('at', '>=', chinaMidnight(q.from));
    if (q.to) query = query.where('at', '<', chinaMidnight(addDays(q.to, 1)));
    const total = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const items = rows.map(toRecord).map((r) => ({ ...r, requestId: r.requestId ?? null, details: r.details ?? null }));
    return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
  }

  async forTarget(targetType: string, targetId: string): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }
}

type AuditRow = { id: number; at: number | string | bigint; actor: string; action: string; target_type: string; target_id: string; request_id: string | null; details: string | null };

function toRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: Number(r.at),
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    requestId: r.request_id,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : undefined,
  };
}
