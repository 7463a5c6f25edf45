import type { GeoPoint } from '../../platform/types';
import type { Appointment, Board, Hall, RatingInput, Slot, Ticket, WindowDesk } from './hall-view';

/**
 * Everything the hall pages ask of the BFF, in the pages' own terms (hall-view.ts). The HTTP
 * implementation (http-hall-gateway.ts) speaks the shared contracts; tests swap in fakes.
 */
export interface HallGateway {
  listHalls(position: GeoPoint | null): Promise<Hall[]>;
  getHall(hallId: string): Promise<Hall>;
  /** Bookable days (YYYY-MM-DD) of a service; the first few working days ahead. */
  bookableDays(hallId: string, serviceId: string): Promise<string[]>;
  slots(hallId: string, serviceId: string, date: string): Promise<Slot[]>;
  book(input: BookInput, idempotencyKey: string): Promise<Appointment>;
  joinWaitlist(input: BookInput, idempotencyKey: string): Promise<Appointment>;
  myAppointments(): Promise<Appointment[]>;
  cancelAppointment(id: string): Promise<Appointment>;
  reschedule(id: string, slot: Slot): Promise<Appointment>;
  /** A freed place offered from the waitlist: take it (true) or let the next person have it. */
  answerOffer(id: string, accept: boolean): Promise<Appointment>;
  /** The personal code (QR text) to show at the hall, for oneself or a family member. */
  personalCode(personId: string | null): Promise<{ code: string; maskedName: string; expiresAt: string }>;

  takeTicket(input: { hallId: string; serviceId: string; position: GeoPoint | null }, idempotencyKey: string): Promise<Ticket>;
  ticket(id: string): Promise<Ticket>;
  myTickets(): Promise<Ticket[]>;
  rate(ticketId: string, rating: RatingInput): Promise<void>;
  ratingTags(): readonly string[];

  /** Staff: the caller's window (the first window of their hall when they have no shift yet). */
  myWindow(windowId: string | null): Promise<WindowDesk>;
  callNext(windowId: string): Promise<Ticket | null>;
  ticketAction(ticketId: string, action: TicketAction, windowId: string): Promise<Ticket>;
  transfer(ticketId: string, serviceId: string, windowId: string): Promise<Ticket>;
  pauseWindow(windowId: string, paused: boolean): Promise<WindowDesk>;
  /** Staff: a ticket for the person whose personal code was scanned (appointment or walk-in). */
  ticketForCode(input: { hallId: string; serviceId: string | null; code: string }, idempotencyKey: string): Promise<Ticket>;

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
