import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { CodeRefStore } from './code-ref-store';

export class SqlCodeRefStore implements CodeRefStore {
  constructor(private readonly db: Kysely<Database>) {}

  async refOf(personId: string): Promise<string | null> {
    const row = await this.db.selectFrom('person_code_refs').select('ref').where('person_id', '=', personId).executeTakeFirst();
    return row?.ref ?? null;
  }

  async personOf(refHex: string): Promise<string | null> {
    const row = await this.db.selectFrom('person_code_refs').select('person_id').where('ref', '=', refHex).executeTakeFirst();
    return row?.person_id ?? null;
  }

  async insert(personId: string, refHex: string, createdAt: number): Promise<'created' | 'conflict'> {
    try {
      await this.db.insertInto('person_code_refs').values({ person_id: personId, ref: refHex, created_at: createdAt }).execute();
      return 'created';
    } catch (err) {
      if (isUniqueViolation(err)) return 'conflict';
      throw err;
    }
  }
}
