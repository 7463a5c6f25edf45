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
  /** date|start: unique within a service. */
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, China time */
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  /** People on this slot's waitlist. */
  waitlist: number;
  /** Whether it can be booked (or, when full, waitlisted) now. */
  bookable: boolean;
}

/** One day's slots of a service, and the range of days bookable now. */
export interface SlotDay {
  date: string;
  /** false: the hall is closed that day. */
  open: boolean;
  bookableFrom: string;
  bookableTo: string;
  slots: Slot[];
}

/** waitlisted: a waitlist place (not yet an appointment); the rest are appointments. */
export type AppointmentStatus = 'booked' | 'waitlisted' | 'checked_in' | 'cancelled' | 'declined' | 'no_show';

export interface Appointment {
  id: string;
  hallId: string;
  hallName: string;
  hallAddress: string | null;
  serviceId: string;
  serviceName: string;
  /** YYYY-MM-DD (China time). */
  date: string;
  /** HH:MM */
  slotStart: string;
  slotEnd: string;
  status: AppointmentStatus;
  personId: string | null;
  personName: string;
  /** Until when it can be cancelled or rescheduled (ISO), or null when no longer. */
  changeableUntil: string | null;
  /** 1 = next in line, for waitlisted appointments. */
  waitlistPosition: number | null;
  /** The place came from the waitlist: the holder may decline it (the next in line gets it). */
  fromWaitlist: boolean;
  /** The ticket taken with it on arrival, if any. */
  ticketId: string | null;
}

/** elderly (70+, from the ID, or set by staff), disabled, pregnant. */
export type PriorityReason = 'elderly' | 'disabled' | 'pregnant';

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
  /** Why it is a priority ticket (staff views only). */
  priorityReasons?: PriorityReason[];
  /** Masked name of the person (staff console). */
  personName: string | null;
  /** Minutes waited since arrival (staff console), when known. */
  waitedMin: number | null;
}

export interface BoardCall {
  /** Unique per call (a recall is a new call). */
  id: string;
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
  /** 3 */
  label: string;
  name: string;
  status: 'open' | 'paused' | 'closed';
  services: ServiceRef[];
  /** All services of the hall (transfer targets). */
  hallServices: ServiceRef[];
  current: Ticket | null;
  /** Waiting tickets of this window's services, in call order. */
  queue: Ticket[];
  waiting: number;
}

export type RatingGrade = 1 | 2 | 3 | 4 | 5;

export interface RatingInput {
  grade: RatingGrade;
  tags: string[];
  comment: string;
}
