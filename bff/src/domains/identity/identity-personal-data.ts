import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { FamilyService } from './family/family-service';
import type { IdentityService } from './identity-service';
import type { PersonDirectory } from './person-directory';

export interface IdentityPersonalDataDeps {
  db: Kysely<Database>;
  identity: IdentityService;
  family: FamilyService;
  directory: PersonDirectory;
}

/**
 * Identity and family in the export (masked as the app shows them) and in deletion:
 * - family: every link the person holds or is a member of goes; a member's person row goes too
 *   when nothing else names it (no account bound to it, no other family's link).
 * - identity: the account is unbound and the person row (name and ID-number ciphertext, look-up
 *   hash) is deleted unless another account of the same person (another channel) still binds it.
 */
export function identityPersonalData(deps: IdentityPersonalDataDeps): { contributors: PersonalDataContributor[]; erasers: PersonalDataEraser[] } {
  const { db, identity, family, directory } = deps;

  /** Deletes the person row when no account binds it and no family link names it; 1 when deleted. */
  const dropIfUnreferenced = async (personId: string): Promise<number> => {
    const account = await db.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst();
    const link = await db.selectFrom('family_members').select('id').where((eb) => eb.or([eb('holder_person_id', '=', personId), eb('member_person_id', '=', personId)])).executeTakeFirst();
    if (account || link) return 0;
    const res = await db.deleteFrom('persons').where('id', '=', personId).executeTakeFirst();
    return Number(res.numDeletedRows);
  };

  const familyEraser: PersonalDataEraser = {
    domain: 'family',
    async erase(s) {
      if (s.personId === null) return { linksRemoved: 0, membersDeleted: 0 };
      const links = await db.selectFrom('family_members').select(['holder_person_id', 'member_person_id']).where((eb) => eb.or([eb('holder_person_id', '=', s.personId as string), eb('member_person_id', '=', s.personId as string)])).execute();
      await db.deleteFrom('family_members').where((eb) => eb.or([eb('holder_person_id', '=', s.personId as string), eb('member_person_id', '=', s.personId as string)])).execute();
      for (const l of links) directory.familyChanged(l.holder_person_id);
      let membersDeleted = 0;
      for (const l of links) if (l.member_person_id !== s.personId) membersDeleted += await dropIfUnreferenced(l.member_person_id);
      return { linksRemoved: links.length, membersDeleted };
    },
  };

  const identityEraser: PersonalDataEraser = {
    domain: 'identity',
    async erase(s) {
      if (s.personId === null) return { unbound: 0, personDeleted: 0 };
      const res = await db.updateTable('accounts').set({ person_id: null }).where('id', '=', s.accountId).executeTakeFirst();
      return { unbound: Number(res.numUpdatedRows), personDeleted: await dropIfUnreferenced(s.personId) };
    },
  };

  const identityContributor: PersonalDataContributor = {
    section: 'identity',
    contribute: async (s) => ({ verified: s.personId !== null, identity: await identity.maskedIdentityOf(s.personId) }),
  };
  const familyContributor: PersonalDataContributor = {
    section: 'family',
    contribute: async (s) => (s.personId === null ? [] : (await family.list(s.accountId)).map(({ name, idNumber, relation }) => ({ name, idNumber, relation }))),
  };
  return { contributors: [identityContributor, familyContributor], erasers: [familyEraser, identityEraser] };
}
