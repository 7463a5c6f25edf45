import type { Kysely } from 'kysely';
import { AppealStatus, HealthColour } from '@govpass/shared-types';
import type { Database, HealthAppealsTable } from '../../../infra/db/database';
import type { AuditEntry, AuditLog } from '../../audit/audit-log';

export interface AppealRecord {
  id: string;
  personId: string;
  accountId: string;
  colourAtFiling: HealthColour;
  reason: string;
  status: AppealStatus;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  decisionNote: string | null;
  overrideColour: HealthColour | null;
  overrideUntil: string | null;
}

export interface AppealDecision {
  status: 'upheld' | 'overridden';
  decidedAt: number;
  decidedBy: string;
  note: string;
  overrideColour: HealthColour | null;
  overrideUntil: string | null;
}

function fromRow(r: HealthAppealsTable): AppealRecord {
  return {
    id: r.id,
    personId: r.person_id,
    accountId: r.account_id,
    colourAtFiling: HealthColour.parse(r.colour_at_filing),
    reason: r.reason,
    status: AppealStatus.parse(r.status),
    createdAt: Number(r.created_at),
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    overrideColour: r.override_colour ? HealthColour.parse(r.override_colour) : null,
    overrideUntil: r.override_until,
  };
}

/** Appeals (申诉); the latest overriding decision is read by SqlHealthStore.inputsOf. */
export class SqlAppealStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly auditLog: AuditLog,
  ) {}

  async create(a: AppealRecord): Promise<void> {
    await this.db
      .insertInto('health_appeals')
      .values({
        id: a.id,
        person_id: a.personId,
        account_id: a.accountId,
        colour_at_filing: a.colourAtFiling,
        reason: a.reason,
        status: a.status,
        created_at: a.createdAt,
        decided_at: null,
        decided_by: null,
        decision_note: null,
        override_colour: null,
        override_until: null,
      })
      .execute();
  }

  async find(id: string): Promise<AppealRecord | null> {
    const row = await this.db.selectFrom('health_appeals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async openOf(personId: string): Promise<AppealRecord | null> {
    const row = await this.db.selectFrom('health_appeals').selectAll().where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async ofPersons(personIds: readonly string[]): Promise<AppealRecord[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom('health_appeals').selectAll().where('person_id', 'in', personIds).orderBy('created_at', 'desc').limit(200).execute();
    return rows.map(fromRow);
  }

  /** Oldest first: the queue is worked from its head. */
  async queue(status: AppealStatus, limit = 500): Promise<AppealRecord[]> {
    const rows = await this.db.selectFrom('health_appeals').selectAll().where('status', '=', status).orderBy('created_at', 'asc').orderBy('id').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** Decides an open appeal and audits it in one transaction; false when someone else decided it first. */
  async decide(id: string, d: AppealDecision, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('health_appeals')
        .set({ status: d.status, decided_at: d.decidedAt, decided_by: d.decidedBy, decision_note: d.note, override_colour: d.overrideColour, override_until: d.overrideUntil })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await this.auditLog.record(audit, trx);
      return true;
    });
  }
}
