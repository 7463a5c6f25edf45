import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';

export interface AccountPerson {
  personId: string;
  idCipher: string;
  nameCipher: string;
}

/**
 * One primary-key join for "which person is this account, and what is their name": the first
 * booking of each citizen at opening time costs one MySQL read instead of two.
 */
export class SqlPersonLookup {
  constructor(private readonly db: Kysely<Database>) {}

  async personOfAccount(accountId: string): Promise<AccountPerson | null> {
    const row = await this.db
      .selectFrom('accounts')
      .innerJoin('persons', 'persons.id', 'accounts.person_id')
      .select(['persons.id as personId', 'persons.id_cipher as idCipher', 'persons.name_cipher as nameCipher'])
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  }
}
