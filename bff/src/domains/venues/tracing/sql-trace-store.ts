import type { Kysely } from 'kysely';
import type { TraceReport } from '@govpass/shared-types';
import type { Database } from '../../../infra/db/database';

export interface CheckinRow {
  venueId: string;
  personId: string;
  at: number;
}

export interface StoredTrace {
  id: string;
  casePersonId: string;
  report: TraceReport;
}

/**
 * Tracing's reads of venue_checkins, each on an index that starts with the person or the venue and
 * then the time: a trace costs the case's check-ins × the people at each venue in its window.
 */
export class SqlTraceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async checkinsOf(personId: string, from: number, until: number): Promise<CheckinRow[]> {
    const rows = await this.db
      .selectFrom('venue_checkins')
      .select(['venue_id', 'checked_in_at'])
      .where('person_id', '=', personId)
      .where('checked_in_at', '>=', from)
      .where('checked_in_at', '<=', until)
      .orderBy('checked_in_at')
      .execute();
    return rows.map((r) => ({ venueId: r.venue_id, personId, at: Number(r.checked_in_at) }));
  }

  async checkinsAt(venueId: string, from: number, until: number): Promise<CheckinRow[]> {
    const rows = await this.db
      .selectFrom('venue_checkins')
      .select(['person_id', 'checked_in_at'])
      .where('venue_id', '=', venueId)
      .where('checked_in_at', '>=', from)
      .where('checked_in_at', '<=', until)
      .execute();
    return rows.map((r) => ({ venueId, personId: r.person_id, at: Number(r.checked_in_at) }));
  }

  async findByCase(casePersonId: string, from: number, until: number): Promise<StoredTrace | null> {
    const row = await this.db
      .selectFrom('venue_traces')
      .select(['id', 'case_person_id', 'report'])
      .where('case_person_id', '=', casePersonId)
      .where('window_from', '=', from)
      .where('window_until', '=', until)
      .executeTakeFirst();
    return row ? { id: row.id, casePersonId: row.case_person_id, report: JSON.parse(row.report) as TraceReport } : null;
  }

  async findById(id: string): Promise<StoredTrace | null> {
    const row = await this.db.selectFrom('venue_traces').select(['id', 'case_person_id', 'report']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, casePersonId: row.case_person_id, report: JSON.parse(row.report) as TraceReport } : null;
  }

  async save(t: { id: string; casePersonId: string; from: number; until: number; note: string | null; actor: string; at: number; report: TraceReport; isNew: boolean }, trx: Kysely<Database> = this.db): Promise<void> {
    if (t.isNew) {
      await trx
        .insertInto('venue_traces')
        .values({ id: t.id, case_person_id: t.casePersonId, window_from: t.from, window_until: t.until, note: t.note, created_by: t.actor, created_at: t.at, ran_at: t.at, report: JSON.stringify(t.report) })
        .execute();
      return;
    }
    await trx.updateTable('venue_traces').set({ ran_at: t.at, report: JSON.stringify(t.report) }).where('id', '=', t.id).execute();
  }
}
