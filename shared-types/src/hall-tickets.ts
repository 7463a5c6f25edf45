import { z } from 'zod';
import { EntityId } from './common';
import { GeoPoint } from './halls';
import { PersonalCodeText } from './personal-code';
import { safeText } from './safe-text';

/*
 * Queue tickets (取号), the window console (叫号) and the display board (大屏). Numbers are per
 * hall × service × China-time day: prefix + at least three digits (A001, A012, A1000), never reused,
 * never skipped. Instants are ISO-8601 UTC.
 */

/** waiting → called → serving → done; or no_show (skipped), transferred (to another service), cancelled. */
export const TicketState = z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled']);
export type TicketState = z.infer<typeof TicketState>;

/** Why a ticket ranks before walk-ins: elderly is set from the ID's birth date (70+); the others by staff. */
export const PriorityReason = z.enum(['elderly', 'disabled', 'pregnant']);
export type PriorityReason = z.infer<typeof PriorityReason>;

/** appointment (checked in within ±15 min of the slot) > priority > normal, with a ratio and aging (docs/hall.md). */
export const TicketClass = z.enum(['appointment', 'priority', 'normal']);
export type TicketClass = z.infer<typeof TicketClass>;

export const TicketNumber = z.string().regex(/^[A-Z]\d{3,}$/);

/** How the ticket was taken. */
export const TicketChannel = z.enum(['remote', 'code']);
export type TicketChannel = z.infer<typeof TicketChannel>;

/**
 * POST /api/v1/halls/{hallId}/tickets with an Idempotency-Key header (a replay answers the same ticket).
 * - remote: the citizen (or for a family member, `personId`) from the phone; only while the hall is
 *   open and, when the hall has a location, within the configured distance of `location`.
 * - code: staff or the hall's kiosk (window_staff / hall_manager of the hall) scans a personal code.
 */
export const TakeTicketRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('remote'), serviceId: EntityId, location: GeoPoint.optional(), personId: EntityId.optional() }),
  z.object({ mode: z.literal('code'), serviceId: EntityId, code: PersonalCodeText, priority: z.array(PriorityReason).max(3).optional() }),
]);
export type TakeTicketRequest = z.infer<typeof TakeTicketRequest>;

export const EtaRange = z.object({
  /** Typical wait left, minutes (P50). */
  p50Min: z.number().int(),
  /** At worst, minutes (P90). */
  p90Min: z.number().int(),
  /** measured: from this hall's recent service times; expected: from the service's expected duration. */
  basis: z.enum(['measured', 'expected']),
});
export type EtaRange = z.infer<typeof EtaRange>;

export const CallingWindow = z.object({ windowId: z.string(), number: z.number().int(), name: z.string() });
export type CallingWindow = z.infer<typeof CallingWindow>;

export const NowServing = z.object({ number: z.string(), windowNumber: z.number().int() });
export type NowServing = z.infer<typeof NowServing>;

/** The citizen's live view (我的排队). */
export const TicketView = z.object({
  id: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  number: z.string(),
  state: TicketState,
  ticketClass: TicketClass,
  /** 1 = next to be called; null when not waiting. */
  position: z.number().int().nullable(),
  /** People ahead (position − 1); null when not waiting. */
  ahead: z.number().int().nullable(),
  /** Tickets of this service being called or served now. */
  nowServing: z.array(NowServing),
  /** The window calling or serving this ticket; null while waiting. */
  window: CallingWindow.nullable(),
  /** Null when not waiting. */
  eta: EtaRange.nullable(),
  takenAt: z.string(),
  /** The wait is counted from here (arrival at the hall; for a remote ticket, its taking). */
  arrivedAt: z.string(),
  calledAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  appointmentId: z.string().nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

export const TicketResponse = z.object({ ticket: TicketView });
export type TicketResponse = z.infer<typeof TicketResponse>;
export const MyTicketsResponse = z.object({ items: z.array(TicketView) });
export type MyTicketsResponse = z.infer<typeof MyTicketsResponse>;

// ---------------------------------------------------------------- window console (staff)

/** A ticket as window staff see it: the name masked, the ID number never. */
export const StaffTicket = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  number: z.string(),
  state: TicketState,
  ticketClass: TicketClass,
  priority: z.array(PriorityReason),
  maskedName: z.string(),
  arrivedAt: z.string(),
  waitedMin: z.number().int(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  windowId: z.string().nullable(),
  calls: z.number().int(),
});
export type StaffTicket = z.infer<typeof StaffTicket>;

export const StaffTicketResponse = z.object({ ticket: StaffTicket });
export type StaffTicketResponse = z.infer<typeof StaffTicketResponse>;

/** call-next: the best waiting ticket among the window's services, or null when nobody waits. */
export const CallNextResponse = z.object({ ticket: StaffTicket.nullable() });
export type CallNextResponse = z.infer<typeof CallNextResponse>;

const Note = safeText().trim().min(1).max(200);

/** Call a chosen ticket out of order (audited with the reason). */
export const CallChosenRequest = z.object({ ticketId: EntityId, reason: Note });
export type CallChosenRequest = z.infer<typeof CallChosenRequest>;

/** recall / skip / start / complete: the acting window (the staff's window this shift). */
export const TicketActionRequest = z.object({ windowId: EntityId });
export type TicketActionRequest = z.infer<typeof TicketActionRequest>;

/** Transfer to another service of the hall; the ticket keeps its place by original arrival time. */
export const TransferTicketRequest = z.object({ windowId: EntityId, serviceId: EntityId, note: Note.optional() });
export type TransferTicketRequest = z.infer<typeof TransferTicketRequest>;
export const TransferTicketResponse = z.object({ from: StaffTicket, to: StaffTicket });
export type TransferTicketResponse = z.infer<typeof TransferTicketResponse>;

/** Set or clear the priority flags (staff; elderly 70+ is set automatically from the ID). */
export const SetPriorityRequest = z.object({ priority: z.array(PriorityReason).max(3) });
export type SetPriorityRequest = z.infer<typeof SetPriorityRequest>;

export const SetWindowStatusRequest = z.object({ status: z.enum(['open', 'paused', 'closed']) });
export type SetWindowStatusRequest = z.infer<typeof SetWindowStatusRequest>;

export const WindowConsoleResponse = z.object({
  window: z.object({ id: z.string(), hallId: z.string(), number: z.number().int(), name: z.string(), status: z.enum(['open', 'paused', 'closed']), serviceIds: z.array(z.string()) }),
  /** Tickets this window has called or is serving. */
  current: z.array(StaffTicket),
  /** The waiting tickets of the window's services in call order (first 50). */
  waiting: z.array(StaffTicket),
  waitingTotal: z.number().int(),
});
export type WindowConsoleResponse = z.infer<typeof WindowConsoleResponse>;

// ---------------------------------------------------------------- display board (大屏)

export const BoardCall = z.object({
  /** Unique per call (a recall is a new call): the board speaks each once, never overlapping. */
  callId: z.string(),
  number: z.string(),
  windowNumber: z.number().int(),
  windowName: z.string(),
  serviceName: z.string(),
  calledAt: z.string(),
  recall: z.boolean(),
});
export type BoardCall = z.infer<typeof BoardCall>;

export const BoardView = z.object({
  hallId: z.string(),
  hallName: z.string(),
  /** The latest call per window that is still called (not yet serving or finished). */
  nowCalling: z.array(BoardCall),
  /** The last calls, newest first (at most 10). */
  recentCalls: z.array(BoardCall),
  waiting: z.array(z.object({ serviceId: z.string(), serviceName: z.string(), ticketPrefix: z.string(), waiting: z.number().int() })),
  generatedAt: z.string(),
});
export type BoardView = z.infer<typeof BoardView>;

/**
 * GET /api/v1/halls/{hallId}/board/events (text/event-stream): `event: board` with a BoardView on
 * connect and on every change, `event: call` with a BoardCall for each call (to speak it).
 * The state comes from the store, so a client simply reconnects after a BFF restart.
 */
export const BoardEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('board'), board: BoardView }),
  z.object({ type: z.literal('call'), call: BoardCall }),
]);
export type BoardEvent = z.infer<typeof BoardEvent>;

// ---------------------------------------------------------------- ETA error (managers)

export const EtaErrorQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) });
export const EtaErrorRow = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  samples: z.number().int(),
  /** Mean of |P50 given at taking − actual wait|, minutes. */
  meanAbsErrorMin: z.number(),
  /** P90 of |P50 given − actual|, minutes. */
  p90AbsErrorMin: z.number(),
  /** Share of calls that came no later than the P90 given. */
  withinP90Share: z.number(),
});
export const EtaErrorResponse = z.object({ hallId: z.string(), days: z.number().int(), services: z.array(EtaErrorRow) });
export type EtaErrorResponse = z.infer<typeof EtaErrorResponse>;
