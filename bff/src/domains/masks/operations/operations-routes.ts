import { Router } from '@koa/router';
import type { Kysely } from 'kysely';
import type { Middleware } from 'koa';
import { maskOperationRoutes as routes, maskRoundRoutes, type DrawResponse, type ExpireResponse, type LedgerResponse, type PublishedDrawResponse, type VerifyDrawResponse } from '@govpass/shared-types';
import { parseBody, parseParams, parseQuery } from '../../../core/validate';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { RoleService } from '../../roles/role-service';
import { requireRole } from '../../roles/require-role';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { operatorOf } from '../shared/request-context';
import { expireRound } from './expire-round';
import { checkLedger, pharmacyReportCsv } from './ledger';
import type { LotteryDrawService } from './lottery-draw-service';
import { publishedDraw } from './published-draw';
import { pageWindowOf } from '../admin/admin-page';
import { pagedLedger } from './paged-ledger';
import type { ApplicantRefOf } from '../lottery/applicant-ref';

export interface OperationsRouteDeps {
  db: Kysely<Database>;
  hotPath: MaskHotPath;
  audit: AuditLog;
  lottery: LotteryDrawService;
  roles: RoleService;
  authenticate: Middleware;
  pickupDays: number;
  /** Pseudonyms of the published ranking. */
  applicantRef: ApplicantRefOf;
  now: () => number;
}

/** The admin API over the same operations the CLI runs (`npm run admin -- draw|expire|ledger|report`). */
export function operationsRoutes(deps: OperationsRouteDeps): Router {
  const router = new Router();
  const guard = [deps.authenticate, requireRole(deps.roles, 'admin')];

  router.post(routes.adminDrawLottery.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.adminDrawLottery.params, ctx.params);
    const { seed } = parseBody(routes.adminDrawLottery.body, ctx.request.body);
    const body: DrawResponse = await deps.lottery.draw(id, operatorOf(ctx).accountId, { seed });
    ctx.body = body;
  });
  router.get(routes.adminVerifyDraw.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.adminVerifyDraw.params, ctx.params);
    const body: VerifyDrawResponse = await deps.lottery.verifyDraw(id);
    ctx.body = body;
  });
  router.post(routes.adminExpireRound.path, ...guard, async (ctx) => {
    const { id } = parseParams(routes.adminExpireRound.params, ctx.params);
    const body: ExpireResponse = await expireRound({ db: deps.db, hotPath: deps.hotPath, audit: deps.audit, pickupDays: deps.pickupDays }, id, deps.now(), operatorOf(ctx).accountId);
    ctx.body = body;
  });
  // Open data: anyone may recompute a draw (docs/lottery.md); it never changes once drawn.
  router.get(maskRoundRoutes.publishedDraw.path, async (ctx) => {
    const { id } = parseParams(maskRoundRoutes.publishedDraw.params, ctx.params);
    const body: PublishedDrawResponse = await publishedDraw(deps.db, deps.applicantRef, id);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = body;
  });
  router.get(routes.adminLedger.path, ...guard, async (ctx) => {
    const { pickupDate, ...paging } = parseQuery(routes.adminLedger.query, ctx.query);
    const body: LedgerResponse = pagedLedger(await checkLedger(deps.db, deps.hotPath, { now: deps.now(), pickupDate }), pageWindowOf(paging));
    ctx.body = body;
  });
  router.get(routes.adminDailyReport.path, ...guard, async (ctx) => {
    const { date } = parseQuery(routes.adminDailyReport.query, ctx.query);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="masks-${date}.csv"`);
    ctx.body = await pharmacyReportCsv(deps.db, date, deps.hotPath);
  });
  return router;
}
