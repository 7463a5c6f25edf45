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
  'CODE_EXPIRED',
  'RESERVATION_NOT_FOUND',
  'PHARMACY_NOT_FOUND',
  'ROUND_NOT_FOUND',
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
