import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { AuthState } from '../auth/require-auth';
import type { AuditLog } from '../audit/audit-log';
import { scanEntryRoutes } from '@govpass/shared-types';
import { parseParams, parseQuery } from '../../core/validate';
import { requireAnyRole } from '../roles/require-any-role';
import type { RoleService } from '../roles/role-service';
import type { EntryService } from './entry-service';
import type { MiniCodeService } from './mini-code-service';

export interface ScanEntryRouteDeps {
  entries: EntryService;
  miniCodes: MiniCodeService;
  roles: RoleService;
  audit: AuditLog;
  authenticate: Middleware;
}

export function scanEntryRouter(deps: ScanEntryRouteDeps): Router {
  const admins = requireAnyRole(deps.roles, scanEntryRoutes.adminMiniCode.roles);
  const router = new Router();

  router.get(scanEntryRoutes.resolveEntry.path, async (ctx) => {
    const entry = parseParams(scanEntryRoutes.resolveEntry.params, ctx.params);
    // Built from the request's Host when no public host is configured: never for a shared cache.
    ctx.set('Cache-Control', deps.entries.fixedHost ? 'public, max-age=60' : 'private, no-cache');
    ctx.body = await deps.entries.resolve(entry, `${ctx.protocol}://${ctx.host}`);
  });
  router.get(scanEntryRoutes.adminMiniCode.path, deps.authenticate, admins, async (ctx) => {
    const entry = parseParams(scanEntryRoutes.adminMiniCode.params, ctx.params);
    const { platform } = parseQuery(scanEntryRoutes.adminMiniCode.query, ctx.query);
    const image = await deps.miniCodes.codeOf(entry, platform);
    // An operator action like any other: who printed which place's code, for which platform.
    const actor = (ctx.state.auth as AuthState).accountId;
    const requestId = ctx.state.requestId ? String(ctx.state.requestId) : null;
    await deps.audit.record({ actor, action: 'entries.mini_code_download', targetType: entry.kind, targetId: entry.id, requestId, details: { platform } });
    ctx.type = image.contentType;
    ctx.set('Content-Disposition', `attachment; filename="${entry.kind}-${entry.id}-${platform}.${image.contentType.includes('jpeg') ? 'jpg' : 'png'}"`);
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = image.bytes;
  });
  return router;
}
