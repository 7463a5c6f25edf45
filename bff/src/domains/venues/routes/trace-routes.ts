import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { tracingRoutes as routes, type TraceResponse } from '@govpass/shared-types';
import { parseBody, parseParams } from '../../../core/validate';
import type { AuditLog } from '../../audit/audit-log';
import type { AuthState } from '../../auth/require-auth';
import type { RoleService } from '../../roles/role-service';
import { requireAnyRole } from '../../roles/require-any-role';
import { traceCsv } from '../tracing/trace-csv';
import type { TraceOperator, TraceService } from '../tracing/trace-service';

function operatorOf(ctx: Context): TraceOperator {
  return { actor: (ctx.state.auth as AuthState).accountId, requestId: ctx.state.requestId ? String(ctx.state.requestId) : null };
}

/** Health officials (and admins): trace a case, read the report, export it (audited). */
export function traceRouter(traces: TraceService, audit: AuditLog, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const guard = [authenticate, requireAnyRole(roles, routes.createTrace.roles)];

  router.post(routes.createTrace.path, ...guard, async (ctx) => {
    const body = parseBody(routes.createTrace.body, ctx.request.body);
    const answer: TraceResponse = await traces.trace(operatorOf(ctx), body);
    ctx.status = 201;
    ctx.body = answer;
  });
  router.get(routes.exportTrace.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.exportTrace.params, ctx.params);
    const { trace } = await traces.get(id);
    const op = operatorOf(ctx);
    await audit.record({ actor: op.actor, action: 'venues.trace_export', targetType: 'trace', targetId: id, requestId: op.requestId, details: { rows: trace.exposed.length } });
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', `attachment; filename="trace-${id}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = traceCsv(trace);
  });
  router.get(routes.getTrace.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.getTrace.params, ctx.params);
    const answer: TraceResponse = await traces.get(id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  return router;
}
