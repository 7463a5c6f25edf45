import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { DataSubject, PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';

const DAY_MS = 86_400_000;

/** Check-ins by the account or of the person (a family member checked in by the account included). */
const mine = (db: Kysely<Database>, s: DataSubject) =>
  db
    .selectFrom('venue_checkins')
    .where((eb) => (s.personId === null ? eb('venue_checkins.account_id', '=', s.accountId) : eb.or([eb('venue_checkins.account_id', '=', s.accountId), eb('venue_checkins.person_id', '=', s.personId)])));

/**
 * Venue check-ins (场所码登记) in the export (venue, time; only those within retention, older ones
 * are purged) and in deletion: **kept**, pseudonymised, until the retention purge (venues.
 * retentionDays). They serve contact tracing for the other people who were there; they hold only
 * the person's and the account's UUIDs, which lead nowhere once the person's row is gone (a trace
 * shows such a contact as "*" and records no exposure for them). Rule in docs/privacy.md.
 */
export function venuesPersonalData(db: Kysely<Database>, retentionDays: number, now: () => number): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'venueCheckins',
      async contribute(s) {
        const rows = await mine(db, s)
          .innerJoin('venues', 'venues.id', 'venue_checkins.venue_id')
          .select(['venues.name as venue', 'venues.address', 'venue_checkins.checked_in_at'])
          .where('venue_checkins.checked_in_at', '>=', now() - retentionDays * DAY_MS)
          .orderBy('venue_checkins.checked_in_at')
          .execute();
        return rows.map((r) => ({ venue: r.venue, address: r.address, checkedInAt: new Date(Number(r.checked_in_at)).toISOString() }));
      },
    },
    eraser: {
      domain: 'venues',
      async erase(s) {
        const r = await mine(db, s).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
        return { checkinsKeptPseudonymised: Number(r?.n ?? 0) };
      },
    },
  };
}
