import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, PersonsTable } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { NewPerson, PersonRecord, PersonStore } from './person-store';

function toPerson(r: Selectable<PersonsTable>): PersonRecord {
  return { id: r.id, idHash: r.id_hash, idCipher: r.id_cipher, nameCipher: r.name_cipher, birthDate: r.birth_date };
}

export class SqlPersonStore implements PersonStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async findByIdHash(idHash: string): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom('persons').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row ? toPerson(row) : null;
  }

  async findById(id: string): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPerson(row) : null;
  }

  async findOrCreate(p: NewPerson): Promise<PersonRecord> {
    const existing = await this.findByIdHash(p.idHash);
    if (existing) return existing;
    const id = randomUUID();
    try {
      await this.db
        .insertInto('persons')
        .values({ id, id_hash: p.idHash, id_cipher: p.idCipher, name_cipher: p.nameCipher, birth_date: p.birthDate, created_at: this.now() })
        .execute();
      return { id, ...p };
    } catch (err) {
      // The same person verified at the same moment through another channel: keep the first row.
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.findByIdHash(p.idHash);
      if (!winner) throw err;
      return winner;
    }
  }
}
