import type { GeoPoint } from '../../platform/types';
import type { Appointment, Board, Hall, PriorityReason, RatingInput, Slot, SlotDay, Ticket, WindowDesk } from './hall-view';

/**
 * Everything the hall pages ask of the BFF, in the pages' own terms (hall-view.ts). The HTTP
 * implementation (http-hall-gateway.ts) speaks the shared contracts; tests swap in fakes.
 */
export interface HallGateway extends CitizenHallGateway, StaffHallGateway, BoardGateway {}

/** A citizen's side: halls, appointments and waitlists, tickets, ratings. */
export interface CitizenHallGateway {
  listHalls(position: GeoPoint | null): Promise<Hall[]>;
  getHall(hallId: string): Promise<Hall>;
  /** A day's slots and the days bookable now. */
  slots(hallId: string, serviceId: string, date: string): Promise<SlotDay>;
  book(input: BookInput, idempotencyKey: string): Promise<Appointment>;
  /** A waitlist place, or an appointment at once when a place was free after all. */
  joinWaitlist(input: BookInput): Promise<Appointment>;
  myAppointments(): Promise<Appointment[]>;
  cancelAppointment(id: string): Promise<Appointment>;
  reschedule(id: string, slot: Slot): Promise<Appointment>;
  /** Gives back a place that came from the waitlist (the next in line gets it). */
  declineOffer(id: string): Promise<Appointment>;
  leaveWaitlist(id: string): Promise<void>;
  /** The personal code (QR text) to show at the hall, for oneself or a family member. */
  personalCode(personId: string | null): Promise<{ code: string; maskedName: string; expiresAt: string }>;

  takeTicket(input: { hallId: string; serviceId: string; position: GeoPoint | null }, idempotencyKey: string): Promise<Ticket>;
  ticket(id: string): Promise<Ticket>;
  myTickets(): Promise<Ticket[]>;
  rate(ticketId: string, rating: RatingInput): Promise<void>;
  /** Whether the visit has been rated already (一次一评). */
  isRated(ticketId: string): Promise<boolean>;
  ratingTags: readonly string[];
}

/** The window staff's side. */
export interface StaffHallGateway {
  /** Staff: the windows of a hall, to choose one's window for the shift. */
  hallWindows(hallId: string): Promise<{ hall: Hall; windows: { id: string; label: string; name: string }[] }>;
  windowDesk(windowId: string): Promise<WindowDesk>;
  callNext(windowId: string): Promise<Ticket | null>;
  ticketAction(ticketId: string, action: TicketAction, windowId: string): Promise<Ticket>;
  transfer(ticketId: string, serviceId: string, windowId: string): Promise<Ticket>;
  setWindowStatus(windowId: string, status: 'open' | 'paused' | 'closed'): Promise<void>;
  /** Staff: call a chosen waiting ticket out of order (the reason is audited). */
  callChosen(windowId: string, ticketId: string, reason: string): Promise<Ticket>;
  /** Staff: set the priority reasons of a waiting ticket (elderly from the ID stays). */
  setPriority(ticketId: string, reasons: PriorityReason[]): Promise<Ticket>;
  /** Staff: 上岗 at a window (one at a time; takeOver releases the other sign-ins). */
  signIn(windowId: string, takeOver: boolean): Promise<void>;
  signOut(windowId: string): Promise<void>;
  /** Staff: a ticket for the person whose personal code was scanned (appointment or walk-in). */
  ticketForCode(input: { hallId: string; serviceId: string; code: string }, idempotencyKey: string): Promise<Ticket>;
}

/** The hall's board (叫号屏). */
export interface BoardGateway {
  board(hallId: string): Promise<Board>;
  /** The board's server-sent event stream URL. */
  boardStreamUrl(hallId: string): string;
  /** One stream event's data → the board, or null for events that are not a board. */
  parseBoardEvent(data: string): Board | null;
  /** Stream event names that carry a board. */
  boardEventNames: readonly string[];
}

export interface BookInput {
  hallId: string;
  serviceId: string;
  slot: Slot;
  personId: string | null;
}

export type TicketAction = 'recall' | 'skip' | 'start' | 'complete';
