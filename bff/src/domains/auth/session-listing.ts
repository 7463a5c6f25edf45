import { sql, type Kysely } from 'kysely';
import type { LoginChannel } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';

export interface ListedSession {
  id: string;
  accountId: string;
  tokenHash: string;
  channel: LoginChannel;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  ipMasked: string;
}

/** One session's "last used" time and masked address, as SessionUseLog batches them. */
export interface SessionTouch {
  id: string;
  at: number;
  ipMasked: string;
}

/** Rows per UPDATE: five parameters a row stays far below every driver's limit. */
const TOUCH_CHUNK = 250;

/**
 * The MySQL listing of an account's sessions (table account_sessions): what 我的 → 登录设备 shows and
 * revokes by id. It never decides whether a token is valid; the hot store's record does.
 */
export class SessionListing {
  constructor(private readonly db: Kysely<Database>) {}

  async add(s: ListedSession): Promise<void> {
    await this.db
      .insertInto('account_sessions')
      .values({ id: s.id, account_id: s.accountId, token_hash: s.tokenHash, channel: s.channel, created_at: s.createdAt, last_used_at: s.lastUsedAt, expires_at: s.expiresAt, ip_masked: s.ipMasked })
      .execute();
  }

  async touch(id: string, at: number, ipMasked: string): Promise<void> {
    await this.db.updateTable('account_sessions').set({ last_used_at: at, ip_masked: ipMasked }).where('id', '=', id).where('last_used_at', '<', at).execute();
  }

  /**
   * Many sessions' "last used" in one statement per chunk (CASE by id: plain SQL both MariaDB and the
   * embedded SQLite run). A row already newer (another process wrote it later) is left alone; a
   * session revoked meanwhile has no row, and none is made.
   */
  async touchMany(touches: readonly SessionTouch[]): Promise<void> {
    for (let i = 0; i < touches.length; i += TOUCH_CHUNK) {
      const chunk = touches.slice(i, i + TOUCH_CHUNK);
      const atById = sql<number>`case id ${sql.join(chunk.map((t) => sql`when ${t.id} then ${t.at}`), sql` `)} end`;
      const ipById = sql<string>`case id ${sql.join(chunk.map((t) => sql`when ${t.id} then ${t.ipMasked}`), sql` `)} end`;
      await this.db
        .updateTable('account_sessions')
        .set({ last_used_at: atById, ip_masked: ipById })
        .where('id', 'in', chunk.map((t) => t.id))
        .where('last_used_at', '<', atById)
        .execute();
    }
  }

  async ofAccount(accountId: string): Promise<ListedSession[]> {
    const rows = await this.db.selectFrom('account_sessions').selectAll().where('account_id', '=', accountId).orderBy('last_used_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      tokenHash: r.token_hash,
      channel: r.channel,
      createdAt: Number(r.created_at),
      lastUsedAt: Number(r.last_used_at),
      expiresAt: Number(r.expires_at),
      ipMasked: r.ip_masked,
    }));
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('account_sessions').where('id', 'in', ids).execute();
  }

  async removeByHash(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('account_sessions').where('token_hash', '=', tokenHash).execute();
  }
}
