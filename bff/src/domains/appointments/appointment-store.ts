import type { Kysely } from 'kysely';
import type { AppointmentSource, AppointmentStatus, WaitlistStatus } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';

/** One appointment row (times epoch ms; date a China date; minutes on the hall's wall clock). */
export interface AppointmentRecord {
  id: string;
  hallId: string;
  serviceId: string;
  personId: string;
  accountId: string;
  slotKey: string;
  date: string;
  startMinute: number;
  endMinute: number;
  startsAt: number;
  endsAt: number;
  status: AppointmentStatus;
  source: AppointmentSource;
  idempotencyKey: string | null;
  createdAt: number;
  updatedAt: number;
  checkedInAt: number | null;
}

export interface WaitlistRecord {
  id: string;
  /** Turn order (assigned by the database; 0 before insert). */
  seq: number;
  slotKey: string;
  hallId: string;
  serviceId: string;
  date: string;
  startMinute: number;
  endMinute: number;
  personId: string;
  accountId: string;
  status: WaitlistStatus;
  joinedAt: number;
  updatedAt: number;
  appointmentId: string | null;
}

/** Statuses that hold a place (and count towards "one per day"). */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in', 'no_show'];

export interface AppointmentStore {
  /** Runs `fn` in one transaction with stores bound to it. */
  transaction<T>(fn: (store: AppointmentStore) => Promise<T>): Promise<T>;
  /** The pool's or the transaction's handle, for a notice committed with the change. */
  readonly handle: Kysely<Database>;
  /** Throws a unique violation when the person has a live appointment that day in the hall or for the service. */
  insert(record: AppointmentRecord): Promise<void>;
  byId(id: string): Promise<AppointmentRecord | null>;
  byIdempotencyKey(key: string): Promise<AppointmentRecord | null>;
  /** Moves a row from one of `from` to `to`; false when it was in none of them (lost a race). */
  transition(id: string, from: readonly AppointmentStatus[], to: AppointmentStatus, at: number): Promise<boolean>;
  liveHoldersOfSlot(slotKey: string): Promise<string[]>;
  /** Live places per start minute of a hall × service day. */
  liveCountsOfDay(hallId: string, serviceId: string, date: string): Promise<Map<number, number>>;
  /** The person's live appointments on a day (any hall). */
  liveOfPersonOnDay(personId: string, date: string): Promise<AppointmentRecord[]>;
  ofPersons(personIds: readonly string[], fromDate: string, liveOnly: boolean): Promise<AppointmentRecord[]>;
  ofHallDay(hallId: string, date: string, serviceId?: string): Promise<AppointmentRecord[]>;
  /** Every person with a row at the hall that day, whatever its status (the arrival index's rebuild). */
  personsOfHallDay(hallId: string, date: string): Promise<string[]>;
  /** Booked rows whose slot ended before `before`, oldest first. */
  dueNoShows(before: number, limit: number): Promise<AppointmentRecord[]>;
  countNoShows(personId: string, fromMs: number, toMs: number): Promise<number>;
  /** No-shows per service of a hall between two instants. */
  noShowsPerService(hallId: string, fromMs: number, toMs: number): Promise<Map<string, number>>;
  blockOf(personId: string): Promise<{ blockedUntil: string; noShows: number } | null>;
  /** Sets the block, keeping a later end date already set. */
  block(personId: string, blockedUntil: string, noShows: number, at: number): Promise<void>;

  /** Returns the entry with its turn (seq). */
  insertWaiter(record: WaitlistRecord): Promise<WaitlistRecord>;
  waiterById(id: string): Promise<WaitlistRecord | null>;
  /** The waiting entries of a slot in turn order. */
  waitingOfSlot(slotKey: string, limit: number): Promise<WaitlistRecord[]>;
  /** Moves an entry between statuses (waiting → offered with the appointment it became); false on a lost race. */
  transitionWaiter(id: string, from: WaitlistStatus, to: WaitlistStatus, at: number, appointmentId?: string): Promise<boolean>;
  waitingCountsOfDay(hallId: string, serviceId: string, date: string): Promise<Map<number, number>>;
  waitersOfPersons(personIds: readonly string[], fromDate: string): Promise<WaitlistRecord[]>;
  /** Waiting entries whose slot has started (date before `today`, or today from `minute` on) become expired; returns how many. */
  expireWaiters(today: string, minute: number, at: number): Promise<number>;
  /** One waiting entry per slot that has someone waiting, for slots on `fromDate` or later. */
  slotsWithWaiters(fromDate: string, limit: number): Promise<WaitlistRecord[]>;
  /** 1-based place in its slot's line. */
  positionOf(entry: WaitlistRecord): Promise<number>;
}
