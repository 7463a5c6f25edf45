import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { adminRoutes, type AuditListResponse } from '@govpass/shared-types';
import { parseQuery } from '../../core/validate';
import type { RoleService } from '../roles/role-service';
import { requireRole } from '../roles/require-role';
import type { AuditLog } from './audit-log';

/** The audit log for administrators: who did what, when, on which target. */
export function auditRoutes(audit: AuditLog, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(adminRoutes.auditLog.path, authenticate, requireRole(roles, 'admin'), async (ctx) => {
    const body: AuditListResponse = await audit.search(parseQuery(adminRoutes.auditLog.query, ctx.query));
    ctx.body = body;
  });
  return router;
}
