/*
 * What the hall domain needs from other domains, as ports; bff/src/app.ts wires them.
 */

/**
 * Appointments (the appointments domain): an appointment holder arriving within ±15 minutes of
 * their slot is checked in and gets a ticket ranked before walk-ins. Null when the person has no
 * appointment for this hall and service to check in now.
 */
export interface ArrivalAppointments {
  checkInArrival(personId: string, hallId: string, serviceId: string, at: Date): Promise<{ appointmentId: string } | null>;
}

/** Until the appointments domain provides the real one: nobody has an appointment. */
export const noArrivalAppointments: ArrivalAppointments = {
  checkInArrival: () => Promise.resolve(null),
};

/** People (identity): the caller's subject (self or a family member), masked names, birth dates. */
export interface HallPeople {
  /** The caller's own person, or a family member of theirs; throws 403 IDENTITY_REQUIRED / 404. */
  resolveSubject(accountId: string, personId?: string): Promise<string>;
  /** The caller's person and their family members (empty when unverified). */
  personsOf(accountId: string): Promise<string[]>;
  maskedName(personId: string): Promise<string>;
  /** YYYY-MM-DD from the ID number, or null. */
  birthDate(personId: string): Promise<string | null>;
}

/** The personal code (个人码) scanned at the hall: whose it is; throws 422 for a bad code. */
export interface HallCodeResolver {
  resolve(code: string): Promise<{ personId: string }>;
}

export type CalledNotice = { personId: string; hallName: string; ticketNumber: string; windowName: string; calledAt: number; callId: string };
export type TurnNearNotice = { personId: string; ticketId: string; hallName: string; ticketNumber: string; ahead: number; etaMinutes: number };
export type HallNotice = ({ kind: 'called' } & CalledNotice) | ({ kind: 'turnNear' } & TurnNearNotice);

/**
 * "Please go to window N" and "your turn is near" through the notification outbox, a consumer
 * batch at a time (one accounts read, one insert). A turn-near notice goes once per ticket
 * (de-duplicated by its id), a call once per call.
 */
export interface HallNotifier {
  notify(notices: readonly HallNotice[]): Promise<void>;
}
