import { sql, type Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { ClaimedNotification, FinalStatus, OutboxStore } from './outbox-store';

export class SqlOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async dueIds(now: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notification_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async claim(id: string, token: string, now: number, leaseUntil: number): Promise<boolean> {
    // One conditional UPDATE: of two dispatchers racing for the row, the database lets exactly one match.
    const res = await this.db
      .updateTable('notification_outbox')
      .set({ claim_token: token, next_attempt_at: leaseUntil, attempts: sql<number>`attempts + 1` })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async loadClaimed(id: string, token: string): Promise<ClaimedNotification | null> {
    const row = await this.db
      .selectFrom('notification_outbox as n')
      .leftJoin('accounts as a', 'a.id', 'n.account_id')
      .select(['n.id', 'n.template', 'n.data', 'n.attempts', 'a.channel', 'a.channel_user_id'])
      .where('n.id', '=', id)
      .where('n.claim_token', '=', token)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      template: row.template,
      data: parseData(row.data),
      attempts: Number(row.attempts),
      channel: row.channel ?? null,
      channelUserId: row.channel_user_id ?? null,
    };
  }

  async finish(id: string, token: string, status: FinalStatus, reason: string | null, now: number): Promise<void> {
    await this.db
      .updateTable('notification_outbox')
      .set({ status, last_error: reason, finished_at: now, ...(status === 'sent' ? { sent_at: now } : {}) })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .execute();
  }

  async reschedule(id: string, token: string, at: number, reason: string): Promise<void> {
    await this.db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: at, last_error: reason })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .where('status', '=', 'pending')
      .execute();
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
