import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { LoginChannel } from '@govpass/shared-types';
import type { AccountsTable, Database } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { Account, AccountStore, BindOutcome } from './account-store';

function toAccount(r: Selectable<AccountsTable>): Account {
  return { id: r.id, channel: r.channel, channelUserId: r.channel_user_id, personId: r.person_id, createdAt: Number(r.created_at) };
}

export class SqlAccountStore implements AccountStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  private async findByChannel(channel: LoginChannel, channelUserId: string): Promise<Account | null> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('channel', '=', channel)
      .where('channel_user_id', '=', channelUserId)
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async findOrCreate(channel: LoginChannel, channelUserId: string, unionId?: string): Promise<Account> {
    const existing = await this.findByChannel(channel, channelUserId);
    if (existing) return existing;
    const row = { id: randomUUID(), channel, channel_user_id: channelUserId, union_id: unionId ?? null, person_id: null, created_at: this.now() };
    try {
      await this.db.insertInto('accounts').values(row).execute();
      return toAccount(row);
    } catch (err) {
      // A concurrent first login won the insert: the unique key makes it one account.
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.findByChannel(channel, channelUserId);
      if (!winner) throw err;
      return winner;
    }
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async bindPerson(accountId: string, personId: string): Promise<BindOutcome> {
    const res = await this.db
      .updateTable('accounts')
      .set({ person_id: personId })
      .where('id', '=', accountId)
      .where('person_id', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) return 'bound';
    const current = await this.findById(accountId);
    return current?.personId === personId ? 'already-bound-same' : 'bound-to-other';
  }
}
