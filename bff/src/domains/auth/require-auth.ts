import type { Middleware } from 'koa';
import type { LoginChannel } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { SessionPerson, SessionStore } from './session-store';

export interface AuthState {
  accountId: string;
  channel: LoginChannel;
  token: string;
  /** Present once the account is verified (absent in sessions issued before verification). */
  person?: SessionPerson;
}

/** Resolves `Authorization: Bearer <token>` into `ctx.state.auth`, or answers 401 UNAUTHENTICATED. */
export function requireAuth(sessions: SessionStore): Middleware {
  return async (ctx, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    const session = match ? await sessions.resolve(match[1]) : null;
    if (!match || !session) {
      throw new AppError(401, 'UNAUTHENTICATED', 'Missing or expired session', { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const auth: AuthState = { accountId: session.accountId, channel: session.channel, token: match[1], person: session.person };
    ctx.state.auth = auth;
    await next();
  };
}
