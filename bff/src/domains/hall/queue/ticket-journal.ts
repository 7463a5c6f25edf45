import { CompiledQuery, type Kysely } from 'kysely';
import type { SqlDialectName } from '../../../infra/db/create-database';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { HallNotice, HallNotifier } from '../hall-ports';
import type { TicketChange, TicketEffects } from './ticket-effects';
import type { TicketRecord } from './ticket-record';

const COLUMNS = ['id', 'hall_id', 'service_id', 'day', 'seq', 'number', 'person_id', 'taken_by', 'channel', 'ticket_class', 'priority', 'appointment_id', 'state', 'rank_at', 'taken_at', 'arrived_at', 'called_at', 'started_at', 'finished_at', 'window_id', 'calls', 'eta_p50_min', 'eta_p90_min', 'transferred_from', 'updated_at', 'rev'];
/** What a later state changes (the rest is fixed when the ticket is taken). */
const MUTABLE = ['state', 'ticket_class', 'priority', 'called_at', 'started_at', 'finished_at', 'window_id', 'calls', 'updated_at'];
const ROW = `(${COLUMNS.map(() => '?').join(', ')})`;

function rowOf(t: TicketRecord, rev: number, at: number): (string | number | null)[] {
  return [t.id, t.hallId, t.serviceId, t.day, t.seq, t.number, t.personId, t.takenBy, t.channel, t.ticketClass, t.priority.join(','), t.appointmentId, t.state, t.rankAt, t.takenAt, t.arrivedAt,
    t.calledAt, t.startedAt, t.finishedAt, t.windowId, t.calls, t.etaP50Min, t.etaP90Min, t.transferredFrom, at, rev];
}

/**
 * Writes queue changes into MySQL (or SQLite): every ticket's latest state (an upsert that never
 * lets an older `rev` overwrite a newer one, so redelivered or late entries are harmless), the audit
 * rows exactly once (an entry's id is remembered in hall_ticket_events in the same transaction), and
 * the notifications (the outbox de-duplicates them by call id / ticket id). The durable stream's
 * consumer calls it per batch; the embedded default per step.
 */
export class TicketJournal {
  private readonly upsertTail: string;
  private readonly chunkSize: number;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: SqlDialectName,
    private readonly audit: AuditLog,
    private readonly notifier: HallNotifier,
    private readonly now: () => number,
  ) {
    this.upsertTail = dialect === 'mysql'
      // Assignments run left to right: rev last, after every column compared against the old rev.
      ? ` ON DUPLICATE KEY UPDATE ${MUTABLE.map((c) => `${c} = IF(VALUES(rev) >= rev, VALUES(${c}), ${c})`).join(', ')}, rev = GREATEST(rev, VALUES(rev))`
      : ` ON CONFLICT(id) DO UPDATE SET ${[...MUTABLE, 'rev'].map((c) => `${c} = excluded.${c}`).join(', ')} WHERE excluded.rev >= hall_tickets.rev`;
    // SQLite builds before 3.32 allow 999 parameters per statement.
    this.chunkSize = dialect === 'mysql' ? 500 : 30;
  }

  async write(changes: readonly TicketChange[]): Promise<void> {
    await this.upsert(changes);
    await this.writeAudits(changes);
    await this.notify(changes);
  }

  private async upsert(changes: readonly TicketChange[]): Promise<void> {
    const at = this.now();
    const rows: (string | number | null)[][] = [];
    for (const c of changes) for (const t of c.tickets) rows.push(rowOf(t, c.rev, at));
    for (let i = 0; i < rows.length; i += this.chunkSize) {
      const chunk = rows.slice(i, i + this.chunkSize);
      const sql = `INSERT INTO hall_tickets (${COLUMNS.join(', ')}) VALUES ${new Array<string>(chunk.length).fill(ROW).join(', ')}${this.upsertTail}`;
      await this.db.executeQuery(CompiledQuery.raw(sql, chunk.flat()));
    }
  }

  private async writeAudits(changes: readonly TicketChange[]): Promise<void> {
    const audited = changes.filter((c) => c.effects?.audit);
    if (audited.length === 0) return;
    const ids = audited.map((c) => c.eventId).filter((id): id is string => id !== null);
    const done = ids.length === 0 ? new Set<string>() : new Set((await this.db.selectFrom('hall_ticket_events').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    // Not yet written, and each once (a batch may hold an entry twice after a takeover).
    const fresh = audited.filter((c) => {
      if (c.eventId === null) return true;
      if (done.has(c.eventId)) return false;
      done.add(c.eventId);
      return true;
    });
    if (fresh.length === 0) return;
    const at = this.now();
    // One transaction: the audit rows and the marks that they are written (a second delivery racing
    // this one fails on the mark's primary key and rolls back; its retry then sees the marks).
    await this.db.transaction().execute(async (trx) => {
      const marks = fresh.filter((c) => c.eventId !== null).map((c) => ({ id: c.eventId as string, written_at: at }));
      if (marks.length > 0) await trx.insertInto('hall_ticket_events').values(marks).execute();
      await this.audit.recordMany(
        fresh.map((c) => {
          const a = c.effects?.audit as NonNullable<TicketEffects['audit']>;
          return { actor: a.actor, action: a.action, targetType: 'hall_ticket', targetId: c.tickets[0].id, requestId: a.requestId, details: a.details };
        }),
        trx,
      );
    });
  }

  private async notify(changes: readonly TicketChange[]): Promise<void> {
    const nearIds = changes.map((c) => c.effects?.near?.ticketId).filter((id): id is string => id !== undefined);
    const nearRows = new Map<string, { personId: string; number: string }>();
    if (nearIds.length > 0) {
      // The near ticket was taken before the call that names it: its row is written (this batch's
      // tickets are upserted above).
      for (const r of await this.db.selectFrom('hall_tickets').select(['id', 'person_id', 'number']).where('id', 'in', nearIds).execute()) nearRows.set(r.id, { personId: r.person_id, number: r.number });
    }
    const notices: HallNotice[] = [];
    for (const c of changes) {
      const e = c.effects;
      if (!e) continue;
      const t = c.tickets[0];
      if (e.called) notices.push({ kind: 'called', personId: t.personId, ticketNumber: t.number, ...e.called });
      const near = e.near ? nearRows.get(e.near.ticketId) : undefined;
      if (e.near && near) notices.push({ kind: 'turnNear', personId: near.personId, ticketId: e.near.ticketId, hallName: e.near.hallName, ticketNumber: near.number, ahead: e.near.ahead, etaMinutes: e.near.etaMinutes });
    }
    if (notices.length > 0) await this.notifier.notify(notices);
  }
}
