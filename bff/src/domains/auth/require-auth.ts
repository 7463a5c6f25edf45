import type { Middleware } from 'koa';
import type { LoginChannel } from '@govpass/shared-types';
import { unauthenticated } from '../../core/common-errors';
import type { SessionPerson, SessionStore } from './session-store';

export interface AuthState {
  accountId: string;
  channel: LoginChannel;
  token: string;
  /** Present once the account is verified (absent in sessions issued before verification). */
  person?: SessionPerson;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  return match ? match[1] : null;
}

/** Resolves `Authorization: Bearer <token>` into `ctx.state.auth`, or answers 401 UNAUTHENTICATED. */
export function requireAuth(sessions: SessionStore): Middleware {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    const session = token ? await sessions.resolve(token) : null;
    if (!token || !session) throw unauthenticated();
    const auth: AuthState = { accountId: session.accountId, channel: session.channel, token, person: session.person };
    ctx.state.auth = auth;
    await next();
  };
}
