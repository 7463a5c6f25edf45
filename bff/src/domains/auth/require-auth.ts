import type { LoginChannel } from '@govpass/shared-types';
import { unauthenticated } from '../../core/common-errors';
import { koaStep, type KoaStep } from '../../core/koa-pipeline';
import type { RouteStep } from '../../core/pipeline';
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

/** Told of each authenticated request (the session listing's "last used"); must neither throw nor wait. */
export type SessionUse = (sessionId: string | undefined, ip: string) => void;

/**
 * Resolves `Authorization: Bearer <token>` into `state.auth`, or answers 401 UNAUTHENTICATED. One
 * step for Koa routes (as middleware) and declared routes (`.step`, also run by the fast lane).
 * Every request reads the session record from the hot store: there is no in-process cache, so a
 * revoked (deleted) session is refused by the next request on every process (docs/privacy.md).
 */
export function requireAuth(sessions: SessionStore, onUse?: SessionUse): KoaStep {
  const step: RouteStep = (x) => {
    const token = bearerToken(x.header('authorization'));
    if (!token) throw unauthenticated();
    return sessions.resolve(token).then((session) => {
      if (!session) throw unauthenticated();
      const auth: AuthState = { accountId: session.accountId, channel: session.channel, token, sessionId: session.sessionId, person: session.person };
      x.state.auth = auth;
      onUse?.(session.sessionId, x.ip);
    });
  };
  return koaStep(step);
}
