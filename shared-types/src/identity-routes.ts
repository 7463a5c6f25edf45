import type { z } from 'zod';
import { DeletedResponse, IdParams } from './common';
import { AddFamilyMemberRequest, AddFamilyMemberResponse, FamilyListResponse } from './family';
import type { OperationContract } from './routes';

/**
 * The identity API beyond binding one's own identity (`apiRoutes.bindIdentity`): the family list
 * every service shares. Imports nothing of any one service's contract, so the mini-program's main
 * package can carry it.
 */
export const identityRoutes = {
  listFamily: {
    method: 'GET',
    path: '/api/v1/family',
    summary: "The caller's family members (masked)",
    auth: true,
    response: FamilyListResponse,
    errors: { 403: ['IDENTITY_REQUIRED'] },
  },
  addFamilyMember: {
    method: 'POST',
    path: '/api/v1/family',
    summary: 'Add a family member (checked against the registry; at most 5)',
    auth: true,
    body: AddFamilyMemberRequest,
    response: AddFamilyMemberResponse,
    status: 201,
    errors: { 403: ['IDENTITY_REQUIRED', 'CONSENT_REQUIRED'], 409: ['CONFLICT', 'FAMILY_LIMIT'], 422: ['IDENTITY_MISMATCH'] },
  },
  removeFamilyMember: {
    method: 'DELETE',
    path: '/api/v1/family/:id',
    summary: 'Remove a family member',
    auth: true,
    params: IdParams,
    response: DeletedResponse,
    errors: { 403: ['IDENTITY_REQUIRED'], 404: ['NOT_FOUND'] },
  },
} as const satisfies Record<string, OperationContract>;

export type IdentityRoutes = typeof identityRoutes;
export type IdentityRouteName = keyof IdentityRoutes;
export type IdentityResponseBody<N extends IdentityRouteName> = z.infer<IdentityRoutes[N]['response']>;
