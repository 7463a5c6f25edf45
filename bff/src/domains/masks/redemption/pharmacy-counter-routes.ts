import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { parseBody, parseQuery } from '../../../core/validate';
import type { RoleService } from '../../roles/role-service';
import { requireRole } from '../../roles/require-role';
import { maskRoutes } from '../shared/mask-contract';
import { accountIdOf, grantsOf, requestIdOf } from '../shared/request-context';
import type { Counter, RedemptionService } from './redemption-service';

function counterOf(ctx: Context, pharmacyId: string | undefined): Counter {
  return { accountId: accountIdOf(ctx), grants: grantsOf(ctx), pharmacyId, requestId: requestIdOf(ctx) };
}

/**
 * The pharmacy counter. The route admits any pharmacist; which pharmacy a code belongs to is only
 * known once its signature is checked, so the scope check (WRONG_PHARMACY) is the service's.
 */
export function pharmacyCounterRoutes(redemptions: RedemptionService, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const pharmacist = requireRole(roles, 'pharmacist');
  router.post(maskRoutes.redeem.path, authenticate, pharmacist, async (ctx) => {
    const req = parseBody(maskRoutes.redeem.body, ctx.request.body);
    const counter = counterOf(ctx, req.pharmacyId);
    ctx.body = req.shortCode !== undefined ? await redemptions.redeemShortCode(counter, req.shortCode) : await redemptions.redeemCode(counter, req.pickupCode ?? '');
  });
  router.post(maskRoutes.redeemByIdNumber.path, authenticate, pharmacist, async (ctx) => {
    const req = parseBody(maskRoutes.redeemByIdNumber.body, ctx.request.body);
    ctx.body = await redemptions.redeemByIdNumber(counterOf(ctx, req.pharmacyId), req.idNumber);
  });
  router.get(maskRoutes.pharmacySummary.path, authenticate, pharmacist, async (ctx) => {
    const query = parseQuery(maskRoutes.pharmacySummary.query, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await redemptions.summary(counterOf(ctx, query.pharmacyId), query.date);
  });
  return router;
}
