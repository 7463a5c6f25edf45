import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';

export interface ConsentRecord {
  version: string;
  channel: string;
  agreedAt: number;
}

/** Every agreement an account gave (table privacy_consents): version, channel, time. */
export class ConsentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(accountId: string, record: ConsentRecord): Promise<void> {
    await this.db.insertInto('privacy_consents').values({ id: randomUUID(), account_id: accountId, version: record.version, channel: record.channel, agreed_at: record.agreedAt }).execute();
  }

  /** Oldest first. */
  async ofAccount(accountId: string): Promise<ConsentRecord[]> {
    const rows = await this.db.selectFrom('privacy_consents').select(['version', 'channel', 'agreed_at']).where('account_id', '=', accountId).orderBy('agreed_at').execute();
    return rows.map((r) => ({ version: r.version, channel: r.channel, agreedAt: Number(r.agreed_at) }));
  }

  async removeAccount(accountId: string): Promise<number> {
    const res = await this.db.deleteFrom('privacy_consents').where('account_id', '=', accountId).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
