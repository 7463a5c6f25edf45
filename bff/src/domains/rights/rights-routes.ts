import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { rightsRoutes, type DataExportResponse, type DeleteAccountResponse } from '@govpass/shared-types';
import { parseQuery } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import type { DataSubject } from './rights-ports';
import type { RightsService } from './rights-service';

/** The person behind the caller, read fresh (not from the session: an old session may predate verification). */
export type PersonOfAccount = (accountId: string) => Promise<string | null>;

export function rightsRouter(rights: RightsService, personOf: PersonOfAccount, authenticate: Middleware): Router {
  const router = new Router();
  const subjectOf = async (auth: AuthState, requestId: unknown): Promise<DataSubject> => ({ accountId: auth.accountId, personId: await personOf(auth.accountId), requestId: String(requestId) });

  router.get(rightsRoutes.exportMyData.path, authenticate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', 'inline; filename="govpass-my-data.json"');
    const body: DataExportResponse = await rights.export(await subjectOf(ctx.state.auth as AuthState, ctx.state.requestId));
    ctx.body = body;
  });
  router.delete(rightsRoutes.deleteMe.path, authenticate, async (ctx) => {
    const { confirmation } = parseQuery(rightsRoutes.deleteMe.query, ctx.query);
    const body: DeleteAccountResponse = await rights.deleteAccount(await subjectOf(ctx.state.auth as AuthState, ctx.state.requestId), confirmation);
    ctx.body = body;
  });
  return router;
}
