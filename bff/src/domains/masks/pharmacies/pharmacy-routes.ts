import { Router } from '@koa/router';
import { parseQuery } from '../../../core/validate';
import { maskRoutes } from '../shared/mask-contract';
import type { PharmacyService } from './pharmacy-service';

export function pharmacyRoutes(pharmacies: PharmacyService): Router {
  const router = new Router();
  router.get(maskRoutes.listPharmacies.path, async (ctx) => {
    const query = parseQuery(maskRoutes.listPharmacies.query, ctx.query);
    ctx.body = await pharmacies.list(query);
  });
  router.get(maskRoutes.stock.path, async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=5');
    ctx.body = await pharmacies.stock();
  });
  return router;
}
