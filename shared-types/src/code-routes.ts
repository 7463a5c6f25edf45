import {
  AdminIssuePrintedCodeRequest,
  CodeKeysResponse,
  IssuePrintedCodeRequest,
  LookupByIdNumberRequest,
  LookupByIdNumberResponse,
  PrintedCodeListQuery,
  PrintedCodeListResponse,
  PrintedCodeResponse,
  RevocationListResponse,
  VerifyCodeRequest,
  VerifyCodeResponse,
} from './personal-code';
import { DeletedResponse, IdParams } from './masks';
import type { OperationContract } from './routes';

/** Roles that may verify a personal code at a door or a window. */
export const VERIFYING_ROLES = ['verifier', 'venue_manager', 'window_staff', 'health_official', 'admin'] as const;

/** The personal-code API (keys, verification, printed cards) as data. */
export const codeRoutes = {
  codeKeys: {
    method: 'GET',
    path: '/api/v1/codes/keys',
    summary: 'Public keys (JWK set) that verify personal codes offline; public and cacheable',
    auth: false,
    response: CodeKeysResponse,
  },
  codeRevocations: {
    method: 'GET',
    path: '/api/v1/codes/revocations',
    summary: 'Revoked printed cards not yet expired, for offline verifiers; public and cacheable',
    auth: false,
    response: RevocationListResponse,
  },
  verifyCode: {
    method: 'POST',
    path: '/api/v1/codes/verify',
    summary: 'Verify a scanned personal or printed code and answer the current colour (staff)',
    auth: true,
    roles: [...VERIFYING_ROLES],
    body: VerifyCodeRequest,
    response: VerifyCodeResponse,
    errors: { 422: ['INVALID_CODE', 'CODE_EXPIRED', 'UNKNOWN_KEY', 'REVOKED'] },
  },
  lookupByIdNumber: {
    method: 'POST',
    path: '/api/v1/codes/lookup-by-id-number',
    summary: 'The colour of a person without a phone or card, by ID number (staff; audited)',
    auth: true,
    roles: [...VERIFYING_ROLES],
    body: LookupByIdNumberRequest,
    response: LookupByIdNumberResponse,
    errors: { 404: ['PERSON_NOT_FOUND'], 429: ['RATE_LIMITED'] },
  },
  issuePrintedCode: {
    method: 'POST',
    path: '/api/v1/codes/printed',
    summary: 'Issue a printed card (离线码) for oneself or a family member',
    auth: true,
    body: IssuePrintedCodeRequest,
    response: PrintedCodeResponse,
    status: 201,
    errors: { 403: ['IDENTITY_REQUIRED'], 404: ['NOT_FOUND'] },
  },
  listPrintedCodes: {
    method: 'GET',
    path: '/api/v1/codes/printed',
    summary: "Printed cards of the caller or a family member",
    auth: true,
    query: PrintedCodeListQuery,
    response: PrintedCodeListResponse,
    errors: { 403: ['IDENTITY_REQUIRED'], 404: ['NOT_FOUND'] },
  },
  revokePrintedCode: {
    method: 'DELETE',
    path: '/api/v1/codes/printed/:id',
    summary: 'Revoke a printed card (its holder, or an administrator)',
    auth: true,
    params: IdParams,
    response: DeletedResponse,
    errors: { 404: ['PRINTED_CODE_NOT_FOUND'] },
  },
  adminIssuePrintedCode: {
    method: 'POST',
    path: '/api/v1/admin/codes/printed',
    summary: 'Issue a printed card for anyone in the registry (admin; audited)',
    auth: true,
    roles: ['admin'],
    body: AdminIssuePrintedCodeRequest,
    response: PrintedCodeResponse,
    status: 201,
    errors: { 422: ['IDENTITY_MISMATCH'] },
  },
} as const satisfies Record<string, OperationContract>;
