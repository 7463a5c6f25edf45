import type { z } from 'zod';
import { DeletedResponse, IdParams } from './common';
import type { OperationContract } from './routes';
import {
  ConsentStatus,
  DataExportResponse,
  DeleteAccountQuery,
  DeleteAccountResponse,
  GiveConsentRequest,
  LogoutResponse,
  PrivacyPolicyResponse,
  RevokeAllSessionsResponse,
  SessionListResponse,
} from './rights';

/** A citizen's rights over their account: sessions, privacy consent, export, deletion (docs/privacy.md). */
export const rightsRoutes = {
  logout: {
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'End the calling session at once (its token answers 401 everywhere)',
    auth: true,
    response: LogoutResponse,
  },
  listSessions: {
    method: 'GET',
    path: '/api/v1/me/sessions',
    summary: "The caller's live sessions (channel, created, last used, masked address)",
    auth: true,
    response: SessionListResponse,
  },
  revokeSession: {
    method: 'DELETE',
    path: '/api/v1/me/sessions/:id',
    summary: 'End one of the caller’s sessions',
    auth: true,
    params: IdParams,
    response: DeletedResponse,
    errors: { 404: ['NOT_FOUND'] },
  },
  revokeAllSessions: {
    method: 'DELETE',
    path: '/api/v1/me/sessions',
    summary: 'Log out everywhere (every session of the caller, this one included)',
    auth: true,
    response: RevokeAllSessionsResponse,
  },
  privacyPolicy: {
    method: 'GET',
    path: '/api/v1/privacy-policy',
    summary: 'The privacy policy in force (Chinese, Markdown)',
    auth: false,
    response: PrivacyPolicyResponse,
  },
  consentStatus: {
    method: 'GET',
    path: '/api/v1/me/consent',
    summary: 'Which privacy-policy version the caller agreed to, and whether agreement is required',
    auth: true,
    response: ConsentStatus,
  },
  giveConsent: {
    method: 'POST',
    path: '/api/v1/me/consent',
    summary: 'Agree to the privacy policy in force (recorded with version and time)',
    auth: true,
    body: GiveConsentRequest,
    response: ConsentStatus,
    errors: { 409: ['CONFLICT'] },
  },
  exportMyData: {
    method: 'GET',
    path: '/api/v1/me/export',
    summary: 'Everything the system holds about the caller, as readable JSON (audited)',
    auth: true,
    response: DataExportResponse,
  },
  deleteMe: {
    method: 'DELETE',
    path: '/api/v1/me',
    summary: 'Delete the account (注销): cancels, unlinks, unbinds, revokes; kept records pseudonymised',
    auth: true,
    query: DeleteAccountQuery,
    response: DeleteAccountResponse,
    errors: { 422: ['CONFIRMATION_MISMATCH'] },
  },
} as const satisfies Record<string, OperationContract>;

export type RightsRoutes = typeof rightsRoutes;
export type RightsRouteName = keyof RightsRoutes;
export type RightsResponseBody<N extends RightsRouteName> = z.infer<RightsRoutes[N]['response']>;
