import type { Kysely } from 'kysely';
import type { MaskedIdentity } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';

/*
 * What the appointments domain needs from others, declared here and wired in app.ts, so that it
 * never imports the hall domain (registry, queue) or identity. Before the hall domain exists an
 * in-memory adapter (config-halls.ts) answers HallSchedule.
 */

/** One opening period of a day on the hall's wall clock, e.g. 09:00–12:00 (a lunch break makes two). */
export interface OpeningPeriod {
  opens: string;
  closes: string;
}

export interface HallDay {
  hallName: string;
  /** Empty when the hall is closed that day (a holiday, a weekday without hours). */
  periods: OpeningPeriod[];
}

export type AppointmentMode = 'required' | 'allowed' | 'off';

export interface ServiceBooking {
  serviceName: string;
  mode: AppointmentMode;
  /** Slot length and places per slot; null = the appointments config's defaults. */
  slotMinutes: number | null;
  slotCapacity: number | null;
}

/** The hall registry as appointments see it (hall domain's HallDirectory). */
export interface HallSchedule {
  /** The hall's hours on a China date; null when there is no such hall. */
  hallDay(hallId: string, date: string): Promise<HallDay | null>;
  /** How a hall × service takes appointments; null when the hall does not offer the service. */
  serviceBooking(hallId: string, serviceId: string): Promise<ServiceBooking | null>;
  /** The hall's services (ids); null when there is no such hall. */
  serviceIds(hallId: string): Promise<string[] | null>;
}

/** A visit (ticket) as the queue knows it; ratings need only completed ones. */
export interface VisitRecord {
  ticketId: string;
  personId: string;
  hallId: string;
  serviceId: string;
  windowId: string | null;
  /** Epoch ms the ticket was completed; null while it is not (waiting, called, serving, no-show…). */
  completedAt: number | null;
}

/** The hall domain's "completed visit of this person" (the queue's tickets). */
export interface CompletedVisits {
  visitOf(ticketId: string): Promise<VisitRecord | null>;
}

/** Figures the queue measures per service or window over a period. */
export interface VisitFigures {
  id: string;
  served: number;
  avgWaitMinutes: number | null;
  avgServiceMinutes: number | null;
  /** Tickets called and not answered. */
  noShows: number;
  etaErrorP50Minutes: number | null;
  etaErrorP90Minutes: number | null;
}

/** The queue's measurements for hall managers' statistics. */
export interface HallVisitStats {
  visitStats(hallId: string, fromMs: number, toMs: number): Promise<{ services: VisitFigures[]; windows: VisitFigures[] }>;
}

/** Identity's PersonDirectory: the caller, their family, masked names. */
export interface AppointmentPersons {
  requirePersonOf(accountId: string): Promise<string>;
  familyMemberIds(holderPersonId: string): Promise<string[]>;
  /** The caller (personId omitted or their own) or one of their family; else 404 NOT_FOUND. */
  resolveSubject(accountId: string, personId?: string): Promise<string>;
  maskedIdentity(personId: string): Promise<MaskedIdentity>;
}

/** A place freed up and was given to the first on the waitlist (候补成功). */
export interface PlaceOffered {
  appointmentId: string;
  personId: string;
  hallName: string;
  serviceName: string;
  date: string;
  start: string;
  offeredAt: number;
}

/** The one notification outbox; writes inside the caller's transaction, so the offer and its notice commit together. */
export interface AppointmentNotices {
  placeOffered(notice: PlaceOffered, trx: Kysely<Database>): Promise<void>;
}

/** What the queue asks when a person arrives (the hall domain's ArrivalAppointments port). */
export interface ArrivalAppointments {
  /**
   * Checks the person's appointment for this hall × service in when `at` falls in its slot ± the
   * tolerance; their ticket is then ranked before walk-ins. null: no such appointment now.
   */
  checkInArrival(personId: string, hallId: string, serviceId: string, at: number): Promise<{ appointmentId: string } | null>;
}
