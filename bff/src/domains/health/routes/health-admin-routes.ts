import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { healthRoutes as routes, type AppealListResponse, type AppealResponse, type HealthJobResponse, type ImportResponse } from '@govpass/shared-types';
import { parseBody, parseParams, parseQuery } from '../../../core/validate';
import type { RoleService } from '../../roles/role-service';
import { requireAnyRole } from '../../roles/require-any-role';
import type { AppealService } from '../appeals/appeal-service';
import type { HealthImportService, Operator } from '../imports/health-import-service';
import type { RiskAreaService } from '../risk-areas/risk-area-service';
import { accountIdOf, requestIdOf } from './health-routes';

export interface OfficialHealthServices {
  appeals: AppealService;
  imports: HealthImportService;
  riskAreas: RiskAreaService;
}

function operatorOf(ctx: Context): Operator {
  return { actor: accountIdOf(ctx), requestId: requestIdOf(ctx) };
}

/** Health officials (and administrators): appeal queue and decisions, imports, risk areas and their jobs. */
/** `uploadBody` reads the deferred upload bodies (LARGE_BODY_PATHS) once the guard has passed. */
export function officialHealthRoutes(s: OfficialHealthServices, roles: RoleService, authenticate: Middleware, uploadBody: Middleware): Router {
  const router = new Router();
  const guard = [authenticate, requireAnyRole(roles, routes.appealQueue.roles)];
  const upload = [...guard, uploadBody];

  router.get(routes.appealQueue.path, ...guard, async (ctx) => {
    const { status } = parseQuery(routes.appealQueue.query, ctx.query);
    const answer: AppealListResponse = { items: await s.appeals.queue(status) };
    ctx.body = answer;
  });
  router.post(routes.decideAppeal.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.decideAppeal.params, ctx.params);
    const body = parseBody(routes.decideAppeal.body, ctx.request.body);
    const answer: AppealResponse = { appeal: await s.appeals.decide(operatorOf(ctx), id, body) };
    ctx.body = answer;
  });
  router.post(routes.importHealthList.path, ...upload, async (ctx) => {
    const { list, csv } = parseBody(routes.importHealthList.body, ctx.request.body);
    const answer: ImportResponse = await s.imports.importList(operatorOf(ctx), list, csv);
    ctx.body = answer;
  });
  router.post(routes.importTestResults.path, ...upload, async (ctx) => {
    const { csv } = parseBody(routes.importTestResults.body, ctx.request.body);
    const answer: ImportResponse = await s.imports.importTestResults(operatorOf(ctx), csv);
    ctx.body = answer;
  });
  router.put(routes.setRiskAreas.path, ...upload, async (ctx) => {
    const { areas } = parseBody(routes.setRiskAreas.body, ctx.request.body);
    const answer: HealthJobResponse = { job: await s.riskAreas.replace(operatorOf(ctx), areas) };
    ctx.status = 202;
    ctx.body = answer;
  });
  router.get(routes.healthJob.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.healthJob.params, ctx.params);
    const answer: HealthJobResponse = { job: await s.riskAreas.job(id) };
    ctx.body = answer;
  });
  return router;
}
