import { z } from 'zod';

/**
 * Every error code the API can answer with. Clients switch on these, so they are
 * part of the contract: add new ones, never rename.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'LOGIN_CHANNEL_DISABLED',
  'LOGIN_CODE_INVALID',
  'LOGIN_HIGH_RISK_USER',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'IDENTITY_ALREADY_BOUND',
  'ACCOUNT_NOT_FOUND',
  'STORE_UNAVAILABLE',
  'INTERNAL',
  'ROUND_NOT_OPEN',
  'SOLD_OUT',
  'ALREADY_RESERVED',
  'REPEAT_PERIOD',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_CODE',
  'ALREADY_REDEEMED',
  'WRONG_PHARMACY',
  // A short 取货码 that names no booking at this pharmacy today (counted as a wrong guess).
  'SHORT_CODE_NOT_FOUND',
  // Too many wrong short codes from this pharmacist: locked for a few minutes.
  'SHORT_CODE_LOCKED',
  'CODE_EXPIRED',
  'RESERVATION_NOT_FOUND',
  'PHARMACY_NOT_FOUND',
  'ROUND_NOT_FOUND',
  /** The round can no longer be edited, closed or cancelled in the way asked (details.status). */
  'ROUND_NOT_EDITABLE',
  'FAMILY_LIMIT',
  'CONFLICT',
  'UNKNOWN_KEY',
  'REVOKED',
  'PERSON_NOT_FOUND',
  'APPEAL_NOT_FOUND',
  'APPEAL_ALREADY_DECIDED',
  'APPEAL_ALREADY_OPEN',
  'IMPORT_INVALID',
  'JOB_NOT_FOUND',
  'PRINTED_CODE_NOT_FOUND',
  /** 400: the body is not what its Content-Encoding says (e.g. "gzip" but not gzip data). */
  'MALFORMED_BODY',
  /** 415: a Content-Encoding or charset the API cannot read. */
  'UNSUPPORTED_MEDIA_TYPE',
  /** Venues (场所码) and tracing. */
  'VENUE_NOT_FOUND',
  'CHECKIN_LIMIT',
  'TRACE_NOT_FOUND',
  // Service hall: registry, tickets, window console (issue 11).
  'HALL_NOT_FOUND',
  'SERVICE_NOT_FOUND',
  'WINDOW_NOT_FOUND',
  'TICKET_NOT_FOUND',
  /** 409: the hall is closed now (opening hours, closed day) so no ticket can be taken. */
  'HALL_CLOSED',
  /** 409: the hall does not give tickets remotely; take one at the hall. */
  'REMOTE_TICKETS_OFF',
  /** 422: a remote ticket needs the caller's location (the hall has a distance limit). */
  'LOCATION_REQUIRED',
  /** 409: the caller is farther from the hall than the remote-ticket limit. */
  'TOO_FAR',
  /** 409: the service takes appointments only and the person has none checked in now. */
  'APPOINTMENT_REQUIRED',
  /** 409: the person already holds a waiting ticket for this service today. */
  'ALREADY_QUEUED',
  /** 409: the window is paused or closed. */
  'WINDOW_CLOSED',
  /** 403: staff of another hall. */
  'NOT_YOUR_HALL',
  /** 409: the ticket is not in a state that allows this step (e.g. complete before start). */
  'TICKET_STATE',
  /** 409: the window does not handle this ticket's service. */
  'SERVICE_NOT_AT_WINDOW',
  /** 409: a ticket prefix already used by another service of the hall, or a window number taken. */
  'HALL_CONFLICT',
  /** 409, details { windowId, windowNumber }: a window staff member works at one window at a time; sign out (or take over) first. */
  'SIGNED_IN_ELSEWHERE',
  /** 409, details { windowNumber }: another staff member is signed in at this window today. */
  'WINDOW_TAKEN',
  /* Service hall: appointments and ratings (hall-appointments). */
  'SLOT_FULL',
  'ALREADY_BOOKED',
  /** 403, details { blockedUntil, noShows }: too many no-shows recently. */
  'NO_SHOW_BLOCKED',
  'SLOT_NOT_BOOKABLE',
  'APPOINTMENTS_OFF',
  'TOO_LATE_TO_CANCEL',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_NOT_ACTIVE',
  'NOT_FROM_WAITLIST',
  'ALREADY_WAITLISTED',
  'WAITLIST_ENTRY_NOT_FOUND',
  'ALREADY_RATED',
  'VISIT_NOT_COMPLETED',
  'RATING_NOT_FOUND',
  'FOLLOW_UP_NOT_FOUND',
  'FOLLOW_UP_CLOSED',
  /** 403: the privacy policy in force must be agreed to first (identity binding, location use). */
  'CONSENT_REQUIRED',
  /** 422: account deletion without the typed confirmation phrase. */
  'CONFIRMATION_MISMATCH',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
