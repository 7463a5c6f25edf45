import type { TicketClass, TicketState } from '@govpass/shared-types';
import type { QueueCandidate } from './queue-order';
import type { TicketEffects } from './ticket-effects';
import type { NewTicket, StoredCall, TicketRecord } from './ticket-record';

/** The live queue of one hall-day as read at one version. */
export interface QueueState {
  version: number;
  /** Every waiting ticket. */
  waiting: QueueCandidate[];
  /** window id → the ticket it called or serves. */
  current: Map<string, string>;
  /** The last calls, newest first. */
  calls: StoredCall[];
  /** service id → recent window occupancy per call (ms), newest first. */
  serviceTimes: Map<string, number[]>;
}

export interface Heads {
  /** The heads counter: moves only with a change that can change a pick (not a take behind the heads). */
  version: number;
  streak: number;
  /** The oldest waiting ticket of each service × class. */
  candidates: QueueCandidate[];
}

/** One state step of a ticket (recall, start, complete, skip, cancel). */
export interface TicketStep {
  from: readonly TicketState[];
  to: TicketState;
  at: number;
  /** The window that must hold the ticket ('' for the citizen's cancel). */
  windowId: string;
  /** The timestamp field the step sets. */
  stamp: 'calledAt' | 'startedAt' | 'finishedAt' | null;
  /** A recall: count the call and show it on the board again. */
  call: StoredCall | null;
}

export interface TakeOutcome {
  ticket: TicketRecord;
  replayed: boolean;
}

/**
 * The hot side of the queue, atomic per hall-day: numbering, the waiting sets, claims by windows,
 * state steps, recent calls and service times. Redis (Lua) in production, in-process for the
 * embedded default. `effects` (audit row, notifications) travel with the change into the durable
 * stream on Redis; the embedded store ignores them (its caller writes them, ticket-journal.ts).
 */
export interface QueueStore {
  /** Numbers and queues a ticket; a known Idempotency-Key answers the ticket it made (or -201). */
  take(t: NewTicket, idem: { subject: string; key: string; fingerprint: string } | null): Promise<TakeOutcome>;
  get(hallId: string, day: string, ticketId: string): Promise<TicketRecord | null>;
  state(hallId: string, day: string, serviceIds: readonly string[]): Promise<QueueState>;
  version(hallId: string, day: string): Promise<number>;
  /** The first `depth` (default 1) waiting tickets of each service × class, the window's streak, the version. */
  heads(hallId: string, day: string, windowId: string, serviceIds: readonly string[], depth?: number): Promise<Heads>;
  /**
   * The window calls this waiting ticket: only if the queue is still at `version` (null: a chosen
   * ticket, any version). 'moved' when it is not; throws TICKET_STATE when the ticket is not waiting.
   */
  claim(hallId: string, day: string, ticket: QueueCandidate, c: { windowId: string; version: number | null; streak: number | null; call: StoredCall }, effects?: TicketEffects | null): Promise<TicketRecord | 'moved'>;
  /** `ticket`: its id, or the copy the caller just read (saves a read; the step re-checks state and window). */
  step(hallId: string, day: string, ticket: TicketRecord | string, step: TicketStep, effects?: TicketEffects | null): Promise<TicketRecord>;
  /** Ends `ticketId` as transferred and queues `next` (same rank time) in its new service. */
  transfer(hallId: string, day: string, ticketId: string, windowId: string, next: NewTicket, effects?: TicketEffects | null): Promise<{ from: TicketRecord; to: TicketRecord }>;
  setClass(hallId: string, day: string, ticketId: string, ticketClass: TicketClass, priority: string[], effects?: TicketEffects | null): Promise<TicketRecord>;
}

/** Keeps this many recent calls (board) and service times per service (ETA). */
export const RECENT_CALLS = 20;
export const SERVICE_TIME_SAMPLES = 50;
/** Hall-day keys outlive their day by one. */
export const QUEUE_TTL_MS = 2 * 86_400_000;
export const TICKET_CLASSES: readonly TicketClass[] = ['appointment', 'priority', 'normal'];
