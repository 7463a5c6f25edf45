import type { TicketRecord } from './ticket-record';

/** The audit row of a queue step (who, which window): written with the ticket's state, never lost. */
export interface TicketAuditEffect {
  actor: string;
  action: string;
  requestId: string | null;
  details: Record<string, unknown>;
}

/**
 * What a queue step causes besides the ticket's new state. With Redis it travels in the step's
 * durable-stream entry and the consumer writes it (idempotently); in the embedded default it is
 * written right after the step. Fully known before the step runs (numbers, target state, call id).
 */
export interface TicketEffects {
  audit?: TicketAuditEffect;
  /** "Please go to window N" to the person of the (first) ticket of the entry. */
  called?: { hallName: string; windowName: string; calledAt: number; callId: string };
  /** "Your turn is near" to the person of another, waiting ticket (looked up when written). */
  near?: { ticketId: string; hallName: string; ahead: number; etaMinutes: number };
}

/** One change of the queue as hall_tickets receives it: the tickets' states after it, and its effects. */
export interface TicketChange {
  /** Unique per change (`<ticketId>.<rev>`); null in the embedded default (written once, in order). */
  eventId: string | null;
  /** The hall-day's change counter after the change: a later state never loses to an earlier one. */
  rev: number;
  tickets: TicketRecord[];
  effects: TicketEffects | null;
}

export function encodeEffects(effects: TicketEffects | null): string {
  return effects ? JSON.stringify(effects) : '';
}

export function decodeEffects(text: string): TicketEffects | null {
  return text ? (JSON.parse(text) as TicketEffects) : null;
}

/**
 * Where a change goes once the hot store made it: on Redis nowhere (the script appended it to the
 * durable stream, whose consumer writes it), in the embedded default into hall_tickets at once.
 */
export interface ChangeSink {
  changed(tickets: TicketRecord[], effects: TicketEffects | null): Promise<void>;
}

/** Redis: the queue script's stream entry carries the change. */
export const STREAMED_CHANGES: ChangeSink = { changed: () => Promise.resolve() };
