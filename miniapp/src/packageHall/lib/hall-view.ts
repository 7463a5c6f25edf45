/*
 * What the hall pages show, independent of the wire format: the gateway (hall-gateway.ts) turns
 * the BFF's contract answers into these, so components and their tests do not change when a field
 * is renamed on the wire.
 */

export type AppointmentMode = 'required' | 'allowed' | 'off';

export interface Material {
  name: string;
  required: boolean;
  note: string | null;
}

export interface HallService {
  id: string;
  name: string;
  category: string | null;
  /** Ticket prefix: A, B, … */
  prefix: string;
  /** Typical minutes at the window, when known. */
  durationMin: number | null;
  appointment: AppointmentMode;
  materials: Material[];
  /** People waiting now (today), when known. */
  waiting: number | null;
}

/** Opening hours of one weekday; weekday 1 = Monday … 7 = Sunday (ISO). */
export interface OpeningHours {
  weekday: number;
  open: string;
  close: string;
}

export interface Hall {
  id: string;
  name: string;
  address: string;
  district: string;
  distanceM: number | null;
  hours: OpeningHours[];
  /** Whether the hall is open at this moment, when the BFF says so. */
  openNow: boolean | null;
  /** Whether tickets may be taken from the phone (取号 remote). */
  remoteTickets: boolean;
  services: HallService[];
}

export interface Slot {
  /** Id the BFF books by (may be the start instant). */
  id: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  /** People on this slot's waitlist, when known. */
  waitlist: number | null;
}

export type AppointmentStatus = 'booked' | 'waitlisted' | 'offered' | 'checked_in' | 'done' | 'cancelled' | 'no_show';

export interface Appointment {
  id: string;
  hallId: string;
  hallName: string;
  hallAddress: string | null;
  serviceId: string;
  serviceName: string;
  /** YYYY-MM-DD (China time). */
  date: string;
  slotStart: string;
  slotEnd: string;
  status: AppointmentStatus;
  personId: string | null;
  personName: string;
  /** Until when it can be cancelled or rescheduled (ISO), or null when no longer. */
  changeableUntil: string | null;
  /** 1 = next in line, for waitlisted appointments. */
  waitlistPosition: number | null;
  /** A freed place offered to this person: accept or decline before this instant. */
  offerExpiresAt: string | null;
  /** The ticket taken with it on arrival, if any. */
  ticketId: string | null;
}

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'cancelled';

export interface EtaRange {
  /** Typical wait in minutes (P50). */
  typicalMin: number;
  /** At worst (P90). */
  worstMin: number;
}

export interface Ticket {
  id: string;
  /** A012 */
  number: string;
  hallId: string;
  hallName: string;
  serviceId: string;
  serviceName: string;
  status: TicketStatus;
  /** People before this ticket while it waits. */
  ahead: number | null;
  /** The calling window's number or name while called/serving. */
  windowLabel: string | null;
  eta: EtaRange | null;
  takenAt: string;
  calledAt: string | null;
  /** Numbers at the windows now (for "正在办理"). */
  nowServing: string[];
  fromAppointment: boolean;
  priority: boolean;
  /** Whether this visit has been rated (一次一评). */
  rated: boolean;
  /** Masked name of the person (staff console). */
  personName: string | null;
}

export interface BoardCall {
  ticket: string;
  windowLabel: string;
  at: string;
}

export interface BoardWaiting {
  serviceName: string;
  prefix: string;
  count: number;
}

export interface Board {
  hallName: string;
  /** The newest call per window, newest first. */
  calling: BoardCall[];
  /** Earlier calls, newest first. */
  recent: BoardCall[];
  waiting: BoardWaiting[];
}

export interface ServiceRef {
  id: string;
  name: string;
}

export interface WindowDesk {
  id: string;
  hallId: string;
  hallName: string;
  /** 3, or a name like 综合窗口 */
  label: string;
  paused: boolean;
  services: ServiceRef[];
  /** All services of the hall (transfer targets). */
  hallServices: ServiceRef[];
  current: Ticket | null;
  waiting: number | null;
}

export type RatingGrade = 1 | 2 | 3 | 4 | 5;

export interface RatingInput {
  grade: RatingGrade;
  tags: string[];
  comment: string;
}
