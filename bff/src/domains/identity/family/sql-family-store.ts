import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import { FamilyRelation } from '@govpass/shared-types';
import type { FamilyLink, FamilyStore } from './family-store';

export class SqlFamilyStore implements FamilyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listOf(holderPersonId: string): Promise<FamilyLink[]> {
    const rows = await this.db.selectFrom('family_members').selectAll().where('holder_person_id', '=', holderPersonId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      holderPersonId: r.holder_person_id,
      memberPersonId: r.member_person_id,
      relation: FamilyRelation.catch('other').parse(r.relation),
      createdAt: Number(r.created_at),
    }));
  }

  async insert(link: FamilyLink): Promise<boolean> {
    try {
      await this.db
        .insertInto('family_members')
        .values({ id: link.id, holder_person_id: link.holderPersonId, member_person_id: link.memberPersonId, relation: link.relation, created_at: link.createdAt })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async delete(id: string, holderPersonId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('family_members').where('id', '=', id).where('holder_person_id', '=', holderPersonId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
