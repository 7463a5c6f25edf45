import type { LoginChannel, SessionInfo } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../core/ttl-cache';
import type { AuditLog } from '../audit/audit-log';
import { maskIp, placeOf } from './mask-ip';
import type { SessionListing } from './session-listing';
import type { IssuedSession, SessionStore } from './session-store';

/** "Last used" is written at most this often per session (a MySQL write per request would be waste). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * An account's sessions as its owner sees them: listed, revoked one by one, all at once, or the
 * current one (logout). Revoking deletes the hot-store record first, so the token is refused by the
 * very next request on any process and any path, then drops the listing row.
 */
export class SessionService {
  /** sessionId → when its last-used time was last written, so one session writes at most once a minute. */
  private readonly touched: LRUCache<string, true>;

  constructor(
    private readonly store: SessionStore,
    private readonly listing: SessionListing,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {
    this.touched = ttlCache(LAST_USED_RESOLUTION_MS, 10_000, now);
  }

  /** Lists a session just issued by login. */
  async record(issued: IssuedSession, accountId: string, channel: LoginChannel, ip: string): Promise<void> {
    await this.listing.add({ id: issued.sessionId, accountId, tokenHash: issued.tokenHash, channel, createdAt: issued.createdAt, lastUsedAt: issued.createdAt, expiresAt: issued.expiresAt, ipMasked: maskIp(ip) });
    this.touched.set(issued.sessionId, true);
  }

  /** Called by the auth middleware: updates "last used" (and the masked address) once a minute at most. */
  async touch(sessionId: string | undefined, ip: string): Promise<void> {
    if (sessionId === undefined || this.touched.get(sessionId)) return;
    this.touched.set(sessionId, true);
    await this.listing.touch(sessionId, this.now(), maskIp(ip));
  }

  async list(accountId: string, currentSessionId: string | undefined): Promise<SessionInfo[]> {
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
