import type { Kysely } from 'kysely';
import type { FollowUpStatus, RatingGrade } from '@govpass/shared-types';
import type { Database } from '../../../infra/db/database';

export interface RatingRecord {
  id: string;
  ticketId: string;
  personId: string;
  accountId: string;
  hallId: string;
  serviceId: string;
  windowId: string | null;
  grade: RatingGrade;
  score: number;
  tags: string[];
  comment: string | null;
  visitCompletedAt: number;
  createdAt: number;
}

export interface FollowUpRecord {
  id: string;
  ratingId: string;
  hallId: string;
  status: FollowUpStatus;
  dueAt: number;
  note: string | null;
  closedBy: string | null;
  closedAt: number | null;
  createdAt: number;
}

/** Ratings of one service or window over a period. */
export interface RatingFigures {
  id: string;
  ratings: number;
  scoreSum: number;
  satisfied: number;
  poor: number;
}

export interface RatingStore {
  transaction<T>(fn: (store: RatingStore) => Promise<T>): Promise<T>;
  readonly handle: Kysely<Database>;
  /** Throws a unique violation when the ticket is rated already. */
  insertRating(r: RatingRecord): Promise<void>;
  insertFollowUp(f: FollowUpRecord): Promise<void>;
  ratingByTicket(ticketId: string): Promise<RatingRecord | null>;
  ratingsByIds(ids: readonly string[]): Promise<RatingRecord[]>;
  followUpOfRating(ratingId: string): Promise<FollowUpRecord | null>;
  followUpById(id: string): Promise<FollowUpRecord | null>;
  followUpsOfHall(hallId: string, status: FollowUpStatus | null, overdueAt: number | null): Promise<FollowUpRecord[]>;
  /** open → closed; false when it was not open. */
  closeFollowUp(id: string, note: string, by: string, at: number): Promise<boolean>;
  figures(hallId: string, fromMs: number, toMs: number, by: 'service_id' | 'window_id'): Promise<RatingFigures[]>;
  followUpCounts(hallId: string, now: number): Promise<{ open: number; overdue: number }>;
}
