import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { parseBody, parseParams, parseQuery } from '../../../core/validate';
import type { RoleService } from '../../roles/role-service';
import { requireRole } from '../../roles/require-role';
import type { AdminPharmacyListResponse, DeletedResponse, PharmacyResponse, RoundListResponse, RoundResponse, SetQuotasResponse } from '../shared/mask-contract';
import { maskRoutes } from '../shared/mask-contract';
import { operatorOf } from '../shared/request-context';
import type { PharmacyAdminService } from './pharmacy-admin-service';
import type { RoundAdminService } from './round-admin-service';

export function adminMaskRoutes(pharmacies: PharmacyAdminService, rounds: RoundAdminService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const admin = requireRole(roles, 'admin');

  router.get(maskRoutes.adminListPharmacies.path, authenticate, admin, async (ctx) => {
    const body: AdminPharmacyListResponse = await pharmacies.list(parseQuery(maskRoutes.adminListPharmacies.query, ctx.query));
    ctx.body = body;
  });
  router.post(maskRoutes.adminCreatePharmacy.path, authenticate, admin, async (ctx) => {
    const req = parseBody(maskRoutes.adminCreatePharmacy.body, ctx.request.body);
    const body: PharmacyResponse = { pharmacy: await pharmacies.create(operatorOf(ctx), req) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.put(maskRoutes.adminUpdatePharmacy.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(maskRoutes.adminUpdatePharmacy.params, ctx.params);
    const req = parseBody(maskRoutes.adminUpdatePharmacy.body, ctx.request.body);
    const body: PharmacyResponse = { pharmacy: await pharmacies.update(operatorOf(ctx), id, req) };
    ctx.body = body;
  });
  router.delete(maskRoutes.adminDeletePharmacy.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(maskRoutes.adminDeletePharmacy.params, ctx.params);
    await pharmacies.remove(operatorOf(ctx), id);
    const body: DeletedResponse = { deleted: true };
    ctx.body = body;
  });

  router.get(maskRoutes.adminListRounds.path, authenticate, admin, async (ctx) => {
    const body: RoundListResponse = await rounds.list(parseQuery(maskRoutes.adminListRounds.query, ctx.query));
    ctx.body = body;
  });
  router.post(maskRoutes.adminCreateRound.path, authenticate, admin, async (ctx) => {
    const req = parseBody(maskRoutes.adminCreateRound.body, ctx.request.body);
    const body: RoundResponse = { round: await rounds.create(operatorOf(ctx), req) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.put(maskRoutes.adminSetQuotas.path, authenticate, admin, async (ctx) => {
    const { id } = parseParams(maskRoutes.adminSetQuotas.params, ctx.params);
    const req = parseBody(maskRoutes.adminSetQuotas.body, ctx.request.body);
    const body: SetQuotasResponse = await rounds.setQuotas(operatorOf(ctx), id, req);
    ctx.body = body;
  });
  return router;
}
