import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { rightsRoutes, type DeletedResponse, type RevokeAllSessionsResponse, type SessionListResponse } from '@govpass/shared-types';
import { parseParams } from '../../core/validate';
import type { AuthState } from './require-auth';
import type { SessionService } from './session-service';

/** 我的 → 登录设备: list, end one, end all (log out everywhere). */
export function sessionRoutes(sessions: SessionService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(rightsRoutes.listSessions.path, authenticate, async (ctx) => {
    const { accountId, sessionId } = ctx.state.auth as AuthState;
    ctx.set('Cache-Control', 'no-store');
    const body: SessionListResponse = { sessions: await sessions.list(accountId, sessionId) };
    ctx.body = body;
  });
  router.delete(rightsRoutes.revokeSession.path, authenticate, async (ctx) => {
    const { id } = parseParams(rightsRoutes.revokeSession.params, ctx.params);
    await sessions.revokeOne((ctx.state.auth as AuthState).accountId, id, String(ctx.state.requestId));
    const body: DeletedResponse = { deleted: true };
    ctx.body = body;
  });
  router.delete(rightsRoutes.revokeAllSessions.path, authenticate, async (ctx) => {
    const body: RevokeAllSessionsResponse = { revoked: await sessions.revokeAll((ctx.state.auth as AuthState).accountId, String(ctx.state.requestId)) };
    ctx.body = body;
  });
  return router;
}
