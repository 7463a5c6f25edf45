import { randomUUID } from 'node:crypto';
import { isPoorRating, ratingScore, type FollowUpItem, type FollowUpListQuery, type RateVisitRequest, type RatingFollowUp, type VisitRating } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { AuditLog } from '../../audit/audit-log';
import type { AppointmentPersons, CompletedVisits, VisitRecord } from '../appointment-ports';
import { addWeekdays } from '../slots/slot-calendar';
import type { FollowUpRecord, RatingRecord, RatingStore } from './rating-store';
import { requireOwnRecord } from '../require-own-record';

const iso = (ms: number) => new Date(ms).toISOString();
const ticketNotFound = () => new AppError(404, 'TICKET_NOT_FOUND', 'No such visit');

export interface RatingServiceDeps {
  store: RatingStore;
  visits: CompletedVisits;
  persons: AppointmentPersons;
  audit: AuditLog;
  /** Working days a 差评's follow-up is due in. */
  followUpWorkingDays: number;
  now: () => number;
}

/**
 * 好差评: one rating per completed visit (一次一评) by the visitor or their family holder; the bottom
 * two grades open a follow-up the hall manager must close within N working days, flagged when missed.
 */
export class RatingService {
  constructor(private readonly d: RatingServiceDeps) {}

  private async ownVisit(accountId: string, ticketId: string): Promise<VisitRecord> {
    const visit = await this.d.visits.visitOf(ticketId);
    if (!visit) throw ticketNotFound();
    await requireOwnRecord(this.d.persons, accountId, visit.personId, ticketNotFound);
    return visit;
  }

  async rate(accountId: string, ticketId: string, body: RateVisitRequest): Promise<VisitRating> {
    const visit = await this.ownVisit(accountId, ticketId);
    if (visit.completedAt === null) throw new AppError(409, 'VISIT_NOT_COMPLETED', 'Only a completed visit can be rated');
    const at = this.d.now();
    const rating: RatingRecord = {
      id: randomUUID(),
      ticketId,
      personId: visit.personId,
      accountId,
      hallId: visit.hallId,
      serviceId: visit.serviceId,
      windowId: visit.windowId,
      grade: body.grade,
      score: ratingScore(body.grade),
      tags: [...new Set(body.tags ?? [])],
      comment: body.comment ? body.comment : null,
      visitCompletedAt: visit.completedAt,
      createdAt: at,
    };
    const followUp: FollowUpRecord | null = isPoorRating(body.grade)
      ? { id: randomUUID(), ratingId: rating.id, hallId: visit.hallId, status: 'open', dueAt: addWeekdays(at, this.d.followUpWorkingDays, chinaDateOf), note: null, closedBy: null, closedAt: null, createdAt: at }
      : null;
    try {
      await this.d.store.transaction(async (tx) => {
        await tx.insertRating(rating);
        if (followUp) await tx.insertFollowUp(followUp);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'ALREADY_RATED', 'This visit is rated already (one rating per visit)');
      throw err;
    }
    return this.present(rating, followUp);
  }

  async ratingOf(accountId: string, ticketId: string): Promise<VisitRating> {
    await this.ownVisit(accountId, ticketId);
    const rating = await this.d.store.ratingByTicket(ticketId);
    if (!rating) throw new AppError(404, 'RATING_NOT_FOUND', 'This visit is not rated yet');
    return this.present(rating, await this.d.store.followUpOfRating(rating.id));
  }

  async followUps(hallId: string, query: FollowUpListQuery): Promise<FollowUpItem[]> {
    const status = !query.status ? 'open' : query.status === 'all' ? null : query.status;
    const rows = await this.d.store.followUpsOfHall(hallId, status, query.overdue === 'true' ? this.d.now() : null);
    const ratings = new Map((await this.d.store.ratingsByIds(rows.map((f) => f.ratingId))).map((r) => [r.id, r]));
    return rows.flatMap((f) => {
      const r = ratings.get(f.ratingId);
      if (!r) return [];
      const { followUp: _omitted, ...rating } = this.present(r, null);
      return [{ ...this.presentFollowUp(f), rating }];
    });
  }

  async closeFollowUp(actor: string, hallId: string, id: string, note: string, requestId: string | null): Promise<RatingFollowUp> {
    const f = await this.d.store.followUpById(id);
    if (!f || f.hallId !== hallId) throw new AppError(404, 'FOLLOW_UP_NOT_FOUND', 'No such follow-up in this hall');
    const at = this.d.now();
    const closed = await this.d.store.transaction(async (tx) => {
      if (!(await tx.closeFollowUp(id, note, actor, at))) return false;
      await this.d.audit.record({ actor, action: 'hall.rating_follow_up.close', targetType: 'rating_follow_up', targetId: id, requestId, details: { hallId, overdue: at > f.dueAt } }, tx.handle);
      return true;
    });
    if (!closed) throw new AppError(409, 'FOLLOW_UP_CLOSED', 'This follow-up is closed already');
    return this.presentFollowUp({ ...f, status: 'closed', note, closedBy: actor, closedAt: at });
  }

  private presentFollowUp(f: FollowUpRecord): RatingFollowUp {
    const overdue = f.status === 'open' ? this.d.now() > f.dueAt : (f.closedAt ?? 0) > f.dueAt;
    return { id: f.id, ratingId: f.ratingId, hallId: f.hallId, status: f.status, dueAt: iso(f.dueAt), overdue, note: f.note, closedAt: f.closedAt === null ? null : iso(f.closedAt), createdAt: iso(f.createdAt) };
  }

  private present(r: RatingRecord, f: FollowUpRecord | null): VisitRating {
    return {
      id: r.id,
      ticketId: r.ticketId,
      hallId: r.hallId,
      serviceId: r.serviceId,
      windowId: r.windowId,
      grade: r.grade,
      tags: r.tags,
      comment: r.comment,
      createdAt: iso(r.createdAt),
      followUp: f ? this.presentFollowUp(f) : null,
    };
  }
}
