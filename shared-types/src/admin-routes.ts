import { AccountSearchQuery, AccountSearchResponse, GrantRoleRequest, GrantRoleResponse, RoleGrantListQuery, RoleGrantListResponse } from './admin';
import { AuditListResponse, AuditQuery } from './audit';
import type { OperationContract } from './routes';

/**
 * The operator console's own reads and the revoke the console needs (granting is apiRoutes.grantRole).
 * Imported by the console subpackage module by module, so its schemas stay out of the main package.
 */
export const adminRoutes = {
  listRoleGrants: {
    method: 'GET',
    path: '/api/v1/admin/roles',
    summary: 'Operator role grants, newest first, paginated; optionally of one account (admin)',
    auth: true,
    roles: ['admin'],
    query: RoleGrantListQuery,
    response: RoleGrantListResponse,
  },
  revokeRole: {
    method: 'POST',
    path: '/api/v1/admin/roles/revoke',
    summary: 'Revoke an operator role (admin, audited; revoking a role not held changes nothing)',
    auth: true,
    roles: ['admin'],
    body: GrantRoleRequest,
    response: GrantRoleResponse,
  },
  searchAccounts: {
    method: 'GET',
    path: '/api/v1/admin/accounts',
    summary: 'Find accounts by ID number (keyed hash) or login, masked (name, last 4 of ID, platform, created); at most 20; audited (admin)',
    auth: true,
    roles: ['admin'],
    query: AccountSearchQuery,
    response: AccountSearchResponse,
  },
  auditLog: {
    method: 'GET',
    path: '/api/v1/admin/audit',
    summary: 'The audit log, newest first, filtered by actor, action (or prefix ending in ".") and China dates; paginated (admin)',
    auth: true,
    roles: ['admin'],
    query: AuditQuery,
    response: AuditListResponse,
  },
} as const satisfies Record<string, OperationContract>;

export type AdminRoutes = typeof adminRoutes;
