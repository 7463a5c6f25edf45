import type { LoginChannel, SessionInfo } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AuditLog } from '../audit/audit-log';
import { maskIp, placeOf } from './mask-ip';
import type { SessionListing } from './session-listing';
import { SessionUseLog } from './session-use-log';
import type { IssuedSession, SessionStore } from './session-store';

/**
 * An account's sessions as its owner sees them: listed, revoked one by one, all at once, or the
 * current one (logout). Revoking deletes the hot-store record first, so the token is refused by the
 * very next request on any process and any path, then drops the listing row.
 */
export class SessionService {
  /** "Last used", written once a minute per session and in batches (session-use-log.ts). */
  private readonly uses: SessionUseLog;

  constructor(
    private readonly store: SessionStore,
    private readonly listing: SessionListing,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
    onWriteError: (err: unknown) => void = () => undefined,
  ) {
    this.uses = new SessionUseLog(listing, now, onWriteError);
  }

  /** Lists a session just issued by login. */
  async record(issued: IssuedSession, accountId: string, channel: LoginChannel, ip: string): Promise<void> {
    await this.listing.add({ id: issued.sessionId, accountId, tokenHash: issued.tokenHash, channel, createdAt: issued.createdAt, lastUsedAt: issued.createdAt, expiresAt: issued.expiresAt, ipMasked: maskIp(ip) });
    this.uses.written(issued.sessionId, issued.createdAt);
  }

  /** Called by the auth step on every request: "last used" (and the masked address), batched, once a minute at most. */
  touch(sessionId: string | undefined, ip: string): void {
    this.uses.used(sessionId, ip);
  }

  /** Shutdown: the "last used" times still waiting are written. */
  close(): Promise<void> {
    return this.uses.close();
  }

  async list(accountId: string, currentSessionId: string | undefined): Promise<SessionInfo[]> {
    // The owner looking at the list sees their latest use, not one still waiting to be written.
    await this.uses.flush();
    const rows = await this.listing.ofAccount(accountId);
    const live = await Promise.all(rows.map((r) => (r.expiresAt > this.now() ? this.store.isLive(r.tokenHash) : Promise.resolve(false))));
    await this.listing.remove(rows.filter((_, i) => !live[i]).map((r) => r.id));
    return rows
      .filter((_, i) => live[i])
      .map((r) => ({
        id: r.id,
        channel: r.channel,
        createdAt: new Date(r.createdAt).toISOString(),
        lastUsedAt: new Date(r.lastUsedAt).toISOString(),
        ipMasked: r.ipMasked,
        place: placeOf(r.ipMasked),
        current: r.id === currentSessionId,
      }));
  }

  /** Logout: the caller's own token. */
  async revokeCurrent(accountId: string, token: string, requestId?: string): Promise<void> {
    const hash = this.store.hashOf(token);
    await this.store.revokeByHash(hash);
    await this.listing.removeByHash(hash);
    await this.audit.record({ actor: accountId, action: 'session.logout', targetType: 'account', targetId: accountId, requestId });
  }

  async revokeOne(accountId: string, sessionId: string, requestId?: string): Promise<void> {
    const row = (await this.listing.ofAccount(accountId)).find((r) => r.id === sessionId);
    if (!row) throw new AppError(404, 'NOT_FOUND', 'No such session');
    await this.store.revokeByHash(row.tokenHash);
    await this.listing.remove([row.id]);
    await this.audit.record({ actor: accountId, action: 'session.revoke', targetType: 'account', targetId: accountId, requestId, details: { sessionId } });
  }

  /** Log out everywhere (also a step of account deletion); the number of sessions ended. */
  async revokeAll(accountId: string, requestId?: string): Promise<number> {
    const rows = await this.listing.ofAccount(accountId);
    for (const r of rows) await this.store.revokeByHash(r.tokenHash);
    await this.listing.remove(rows.map((r) => r.id));
    await this.audit.record({ actor: accountId, action: 'session.revoke_all', targetType: 'account', targetId: accountId, requestId, details: { sessions: rows.length } });
    return rows.length;
  }
}
