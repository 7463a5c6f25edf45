import type { Middleware } from 'koa';
import type { LoginChannel } from '@govpass/shared-types';
import { unauthenticated } from '../../core/common-errors';
import type { SessionPerson, SessionStore } from './session-store';

export interface AuthState {
  accountId: string;
  channel: LoginChannel;
  token: string;
  /** The listed session's id (absent in sessions issued before sessions were listed). */
  sessionId?: string;
  /** Present once the account is verified (absent in sessions issued before verification). */
  person?: SessionPerson;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  return match ? match[1] : null;
}

/** Told of each authenticated request (the session listing's "last used"); must not throw. */
export type SessionUse = (sessionId: string | undefined, ip: string) => Promise<void>;

/**
 * Resolves `Authorization: Bearer <token>` into `ctx.state.auth`, or answers 401 UNAUTHENTICATED.
 * Every request reads the session record from the hot store: there is no in-process cache, so a
 * revoked (deleted) session is refused by the next request on every process (docs/privacy.md).
 */
export function requireAuth(sessions: SessionStore, onUse?: SessionUse): Middleware {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    const session = token ? await sessions.resolve(token) : null;
    if (!token || !session) throw unauthenticated();
    const auth: AuthState = { accountId: session.accountId, channel: session.channel, token, sessionId: session.sessionId, person: session.person };
    ctx.state.auth = auth;
    if (onUse) void onUse(session.sessionId, ctx.ip).catch(() => undefined);
    await next();
  };
}
