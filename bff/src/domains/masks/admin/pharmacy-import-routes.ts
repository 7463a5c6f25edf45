import { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { Middleware } from 'koa';
import { maskOperationRoutes as routes, type ImportPharmaciesResponse } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { parseBody } from '../../../core/validate';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { RoleService } from '../../roles/role-service';
import { requireRole } from '../../roles/require-role';
import { importPharmacies } from '../operations/import-pharmacies';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import { operatorOf } from '../shared/request-context';

export interface PharmacyImportRouteDeps {
  db: Kysely<Database>;
  audit: AuditLog;
  roles: RoleService;
  pharmacies: PharmacyService;
  authenticate: Middleware;
  /** Reads the deferred large body (LARGE_BODY_PATHS) once the role guard has passed. */
  uploadBody: Middleware;
  now: () => number;
}

/**
 * The console's CSV import: the same service as `npm run admin -- import-pharmacies`, all rows or
 * none; bad rows answer 422 IMPORT_INVALID with `details: [{line, message}]` as the other imports do.
 */
export function pharmacyImportRoutes(deps: PharmacyImportRouteDeps): Router {
  const router = new Router();
  router.post(routes.adminImportPharmacies.path, deps.authenticate, requireRole(deps.roles, 'admin'), deps.uploadBody, async (ctx) => {
    const { csv } = parseBody(routes.adminImportPharmacies.body, ctx.request.body);
    const result = await importPharmacies(deps.db, csv, operatorOf(ctx).accountId, deps.audit, deps.now);
    if (result.errors.length > 0) {
      throw new AppError(422, 'IMPORT_INVALID', `${result.errors.length} bad line(s); nothing imported`, { details: result.errors });
    }
    deps.pharmacies.invalidate();
    const body: ImportPharmaciesResponse = { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged };
    ctx.body = body;
  });
  return router;
}
