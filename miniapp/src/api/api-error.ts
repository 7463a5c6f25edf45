import { ErrorResponse, FieldIssue, type ErrorCode } from '@govpass/shared-types';
import { z } from 'zod';

/** Failures that never reach the BFF's error contract: no connection, or a body we cannot read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'INVALID_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorInit {
  code: ApiErrorCode;
  status: number;
  message: string;
  details?: readonly FieldIssue[];
  rawDetails?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** Field-level issues (VALIDATION_FAILED); empty for other errors. */
  readonly details: readonly FieldIssue[];
  readonly rawDetails: unknown;
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details ?? [];
    this.rawDetails = init.rawDetails;
    this.requestId = init.requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const IssueList = z.array(FieldIssue);
const WrappedIssues = z.object({ issues: IssueList });

/** The BFF sends field issues either as the details array itself or as `{ issues: [...] }`. */
export function fieldIssuesOf(details: unknown): FieldIssue[] {
  const direct = IssueList.safeParse(details);
  if (direct.success) return direct.data;
  const wrapped = WrappedIssues.safeParse(details);
  return wrapped.success ? wrapped.data.issues : [];
}

/** Turns a non-2xx answer into an ApiError, whether or not the body follows the error contract. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const parsed = ErrorResponse.safeParse(body);
  if (!parsed.success) {
    return new ApiError({
      code: status === 401 ? 'UNAUTHENTICATED' : 'INVALID_RESPONSE',
      status,
      message: `HTTP ${status} without an error body`,
    });
  }
  const { code, message, details, requestId } = parsed.data.error;
  return new ApiError({ code, status, message, details: fieldIssuesOf(details), rawDetails: details, requestId });
}
