import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { HotStore } from '../../infra/hot-store/hot-store';
import { codeRefOfPersonKey, personOfCodeRefKey } from '../../infra/hot-store/keys';
import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';

/**
 * The personal code in the export (printed cards issued) and in deletion: the live code's ref is
 * forgotten (MySQL and hot store; a code already on a screen expires within its minute), printed
 * cards are revoked. The revoked cards' rows stay until they expire: offline verifiers need the
 * revocation list (docs/personal-code.md), and the rows name only the person's UUID.
 */
export function personalCodePersonalData(db: Kysely<Database>, hotStore: HotStore, now: () => number): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'printedCodes',
      async contribute(s) {
        if (s.personId === null) return [];
        const rows = await db.selectFrom('printed_codes').select(['issued_at', 'expires_at', 'revoked_at']).where('person_id', '=', s.personId).orderBy('issued_at').execute();
        const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
        return rows.map((r) => ({ issuedAt: iso(r.issued_at), expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at) }));
      },
    },
    eraser: {
      domain: 'personalCode',
      async erase(s) {
        if (s.personId === null) return { refsDeleted: 0, printedRevoked: 0 };
        const refs = await db.selectFrom('person_code_refs').select('ref').where('person_id', '=', s.personId).execute();
        for (const r of refs) await hotStore.del(personOfCodeRefKey(r.ref));
        await hotStore.del(codeRefOfPersonKey(s.personId));
        const deleted = await db.deleteFrom('person_code_refs').where('person_id', '=', s.personId).executeTakeFirst();
        const revoked = await db.updateTable('printed_codes').set({ revoked_at: now(), revoked_by: 'account-deletion' }).where('person_id', '=', s.personId).where('revoked_at', 'is', null).executeTakeFirst();
        return { refsDeleted: Number(deleted.numDeletedRows), printedRevoked: Number(revoked.numUpdatedRows) };
      },
    },
  };
}
