import { sql, type Kysely, type Selectable } from 'kysely';
import type { FollowUpStatus, RatingGrade } from '@govpass/shared-types';
import type { Database, HallRatingFollowUpsTable, HallRatingsTable } from '../../../infra/db/database';
import type { FollowUpRecord, RatingFigures, RatingRecord, RatingStore } from './rating-store';

function toRating(r: Selectable<HallRatingsTable>): RatingRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    personId: r.person_id,
    accountId: r.account_id,
    hallId: r.hall_id,
    serviceId: r.service_id,
    windowId: r.window_id,
    grade: r.grade as RatingGrade,
    score: Number(r.score),
    tags: JSON.parse(r.tags) as string[],
    comment: r.comment,
    visitCompletedAt: Number(r.visit_completed_at),
    createdAt: Number(r.created_at),
  };
}

function toFollowUp(r: Selectable<HallRatingFollowUpsTable>): FollowUpRecord {
  return {
    id: r.id,
    ratingId: r.rating_id,
    hallId: r.hall_id,
    status: r.status as FollowUpStatus,
    dueAt: Number(r.due_at),
    note: r.note,
    closedBy: r.closed_by,
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    createdAt: Number(r.created_at),
  };
}

/** RatingStore on MySQL/MariaDB or SQLite. */
export class SqlRatingStore implements RatingStore {
  constructor(private readonly db: Kysely<Database>) {}

  transaction<T>(fn: (store: RatingStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new SqlRatingStore(trx)));
  }

  get handle(): Kysely<Database> {
    return this.db;
  }

  async insertRating(r: RatingRecord): Promise<void> {
    await this.db
      .insertInto('hall_ratings')
      .values({
        id: r.id,
        ticket_id: r.ticketId,
        person_id: r.personId,
        account_id: r.accountId,
        hall_id: r.hallId,
        service_id: r.serviceId,
        window_id: r.windowId,
        grade: r.grade,
        score: r.score,
        tags: JSON.stringify(r.tags),
        comment: r.comment,
        visit_completed_at: r.visitCompletedAt,
        created_at: r.createdAt,
      })
      .execute();
  }

  async insertFollowUp(f: FollowUpRecord): Promise<void> {
    await this.db
      .insertInto('hall_rating_follow_ups')
      .values({ id: f.id, rating_id: f.ratingId, hall_id: f.hallId, status: f.status, due_at: f.dueAt, note: f.note, closed_by: f.closedBy, closed_at: f.closedAt, created_at: f.createdAt })
      .execute();
  }

  async ratingByTicket(ticketId: string): Promise<RatingRecord | null> {
    const r = await this.db.selectFrom('hall_ratings').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    return r ? toRating(r) : null;
  }

  async ratingsByIds(ids: readonly string[]): Promise<RatingRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.selectFrom('hall_ratings').selectAll().where('id', 'in', [...ids]).execute()).map(toRating);
  }

  async followUpOfRating(ratingId: string): Promise<FollowUpRecord | null> {
    const r = await this.db.selectFrom('hall_rating_follow_ups').selectAll().where('rating_id', '=', ratingId).executeTakeFirst();
    return r ? toFollowUp(r) : null;
  }

  async followUpById(id: string): Promise<FollowUpRecord | null> {
    const r = await this.db.selectFrom('hall_rating_follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toFollowUp(r) : null;
  }

  async followUpsOfHall(hallId: string, status: FollowUpStatus | null, overdueAt: number | null): Promise<FollowUpRecord[]> {
    let q = this.db.selectFrom('hall_rating_follow_ups').selectAll().where('hall_id', '=', hallId);
    if (status) q = q.where('status', '=', status);
    if (overdueAt !== null) q = q.where('due_at', '<', overdueAt);
    return (await q.orderBy('due_at').orderBy('id').limit(500).execute()).map(toFollowUp);
  }

  async closeFollowUp(id: string, note: string, by: string, at: number): Promise<boolean> {
    const res = await this.db.updateTable('hall_rating_follow_ups').set({ status: 'closed', note, closed_by: by, closed_at: at }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async figures(hallId: string, fromMs: number, toMs: number, by: 'service_id' | 'window_id'): Promise<RatingFigures[]> {
    const rows = await this.db
      .selectFrom('hall_ratings')
      .select([
        sql<string | null>`${sql.ref(by)}`.as('id'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(score)`.as('score_sum'),
        sql<number>`sum(case when score >= 4 then 1 else 0 end)`.as('satisfied'),
        sql<number>`sum(case when score <= 2 then 1 else 0 end)`.as('poor'),
      ])
      .where('hall_id', '=', hallId)
      .where('visit_completed_at', '>=', fromMs)
      .where('visit_completed_at', '<', toMs)
      .groupBy(by)
      .execute();
    return rows.filter((r) => r.id !== null).map((r) => ({ id: r.id as string, ratings: Number(r.n), scoreSum: Number(r.score_sum), satisfied: Number(r.satisfied), poor: Number(r.poor) }));
  }

  async followUpCounts(hallId: string, now: number): Promise<{ open: number; overdue: number }> {
    const r = await this.db
      .selectFrom('hall_rating_follow_ups')
      .select([sql<number>`count(*)`.as('open'), sql<number>`sum(case when due_at < ${now} then 1 else 0 end)`.as('overdue')])
      .where('hall_id', '=', hallId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return { open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) };
  }
}
