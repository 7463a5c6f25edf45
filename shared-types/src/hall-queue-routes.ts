import {
  CallChosenRequest,
  CallNextResponse,
  EtaErrorQuery,
  EtaErrorResponse,
  MyTicketsResponse,
  SetPriorityRequest,
  SetWindowStatusRequest,
  StaffTicketResponse,
  TakeTicketRequest,
  TicketActionRequest,
  TicketResponse,
  TransferTicketRequest,
  TransferTicketResponse,
  WindowConsoleResponse,
  BoardView,
} from './hall-tickets';
import { HallParams, HallWindowResponse, WindowParams } from './halls';
import { IdParams } from './common';
import { IdempotencyKeyHeader } from './masks';
import type { OperationContract } from './routes';
import { z } from 'zod';
import { HALL_MANAGERS } from './hall-registry-routes';

/** Who works the queue of a hall: its window staff and its managers (scoped), and admins. */
export const HALL_STAFF = ['window_staff', 'hall_manager', 'admin'] as const;

const STAFF_TICKET_ERRORS = { 403: ['NOT_YOUR_HALL'], 404: ['TICKET_NOT_FOUND', 'WINDOW_NOT_FOUND'], 409: ['TICKET_STATE', 'WINDOW_CLOSED', 'SERVICE_NOT_AT_WINDOW'] } as const;

/**
 * A hall-staff step on one ticket, POST /api/v1/tickets/:id/<action> naming the window: scoped
 * hall staff only, answered with the staff view of the ticket, refused as any staff ticket action.
 */
function staffTicketAction<A extends string>(action: A, summary: string) {
  return {
    method: 'POST',
    path: `/api/v1/tickets/:id/${action}`,
    summary,
    auth: true,
    roles: [...HALL_STAFF],
    params: IdParams,
    body: TicketActionRequest,
    response: StaffTicketResponse,
    errors: STAFF_TICKET_ERRORS,
  } as const;
}

/** The queue: tickets for citizens, the window console for staff, the board, the ETA check. */
export const hallQueueRoutes = {
  takeTicket: {
    method: 'POST',
    path: '/api/v1/halls/:hallId/tickets',
    summary: 'Take a queue number: remotely from the phone, or by a scanned personal code (hall staff/kiosk)',
    auth: true,
    params: HallParams,
    headers: { 'idempotency-key': IdempotencyKeyHeader },
    body: TakeTicketRequest,
    response: TicketResponse,
    status: 201,
    errors: {
      403: ['IDENTITY_REQUIRED', 'FORBIDDEN', 'NOT_YOUR_HALL'],
      404: ['HALL_NOT_FOUND', 'SERVICE_NOT_FOUND', 'NOT_FOUND'],
      409: ['HALL_CLOSED', 'REMOTE_TICKETS_OFF', 'TOO_FAR', 'APPOINTMENT_REQUIRED', 'ALREADY_QUEUED', 'IDEMPOTENCY_CONFLICT'],
      422: ['LOCATION_REQUIRED', 'INVALID_CODE', 'CODE_EXPIRED', 'UNKNOWN_KEY', 'REVOKED'],
    },
  },
  myTickets: {
    method: 'GET',
    path: '/api/v1/tickets',
    summary: "The caller's and their family's tickets of today, live",
    auth: true,
    response: MyTicketsResponse,
  },
  getTicket: {
    method: 'GET',
    path: '/api/v1/tickets/:id',
    summary: 'Live view of a ticket: position, people ahead, now serving, calling window, ETA range (P50/P90)',
    auth: true,
    params: IdParams,
    response: TicketResponse,
    errors: { 404: ['TICKET_NOT_FOUND'] },
  },
  cancelTicket: {
    method: 'DELETE',
    path: '/api/v1/tickets/:id',
    summary: 'Give up a waiting ticket (its holder)',
    auth: true,
    params: IdParams,
    response: TicketResponse,
    errors: { 404: ['TICKET_NOT_FOUND'], 409: ['TICKET_STATE'] },
  },
  windowConsole: {
    method: 'GET',
    path: '/api/v1/windows/:windowId/console',
    summary: "A window's console: its current tickets and the waiting ones in call order (hall staff)",
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    response: WindowConsoleResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['WINDOW_NOT_FOUND'] },
  },
  callNext: {
    method: 'POST',
    path: '/api/v1/windows/:windowId/call-next',
    summary: 'Call the best waiting ticket among the services of this window (atomic across windows)',
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    response: CallNextResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['WINDOW_NOT_FOUND'], 409: ['WINDOW_CLOSED'] },
  },
  callChosen: {
    method: 'POST',
    path: '/api/v1/windows/:windowId/call',
    summary: 'Call a chosen waiting ticket out of order (audited with the reason)',
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    body: CallChosenRequest,
    response: StaffTicketResponse,
    errors: STAFF_TICKET_ERRORS,
  },
  setWindowStatus: {
    method: 'POST',
    path: '/api/v1/windows/:windowId/status',
    summary: 'Open, pause or close a window',
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    body: SetWindowStatusRequest,
    response: HallWindowResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['WINDOW_NOT_FOUND'] },
  },
  recallTicket: staffTicketAction('recall', 'Call a called ticket again (board and notification repeat)'),
  skipTicket: staffTicketAction('skip', 'Mark a called ticket as not shown up (过号)'),
  startTicket: staffTicketAction('start', 'The called person is at the window: handling starts'),
  completeTicket: staffTicketAction('complete', 'Handling done (the service time feeds the ETA)'),
  transferTicket: {
    method: 'POST',
    path: '/api/v1/tickets/:id/transfer',
    summary: 'Transfer to another service of the hall, keeping the place by original arrival time',
    auth: true,
    roles: [...HALL_STAFF],
    params: IdParams,
    body: TransferTicketRequest,
    response: TransferTicketResponse,
    errors: { ...STAFF_TICKET_ERRORS, 404: ['TICKET_NOT_FOUND', 'WINDOW_NOT_FOUND', 'SERVICE_NOT_FOUND'] },
  },
  setTicketPriority: {
    method: 'POST',
    path: '/api/v1/tickets/:id/priority',
    summary: 'Set the priority flags of a waiting ticket (disabled, pregnant; elderly is automatic)',
    auth: true,
    roles: [...HALL_STAFF],
    params: IdParams,
    body: SetPriorityRequest,
    response: StaffTicketResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['TICKET_NOT_FOUND'], 409: ['TICKET_STATE'] },
  },
  board: {
    method: 'GET',
    path: '/api/v1/halls/:hallId/board',
    summary: 'The display board: now calling, recent calls, waiting per service (public, no names)',
    auth: false,
    params: HallParams,
    response: BoardView,
    errors: { 404: ['HALL_NOT_FOUND'] },
  },
  boardEvents: {
    method: 'GET',
    path: '/api/v1/halls/:hallId/board/events',
    summary: 'Server-sent events for the display board (event: board | call); reconnect after a restart',
    auth: false,
    params: HallParams,
    response: z.string(),
    contentType: 'text/event-stream',
    errors: { 404: ['HALL_NOT_FOUND'] },
  },
  etaError: {
    method: 'GET',
    path: '/api/v1/admin/halls/:hallId/eta-error',
    summary: 'How far the given ETAs were from the actual calls, per service (hall managers)',
    auth: true,
    roles: [...HALL_MANAGERS],
    params: HallParams,
    query: EtaErrorQuery,
    response: EtaErrorResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['HALL_NOT_FOUND'] },
  },
} as const satisfies Record<string, OperationContract>;
