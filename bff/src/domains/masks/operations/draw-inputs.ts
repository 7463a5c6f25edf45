import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import { lotteryDraw, type LotteryPool, type PharmacyDraw } from './lottery-draw';

/** The draw ranks applicant references (lottery/applicant-ref.ts); rounds drawn before they existed ranked person ids. */
export const REF_SCHEME = 'applicant-ref';

export interface ApplicationRow {
  id: string;
  pharmacyId: string;
  personId: string;
  holderPersonId: string;
  accountId: string;
  result: 'won' | 'lost' | 'ineligible' | 'cancelled' | null;
  reservationId: string | null;
}

/** What a draw is computed from; read again, at the same instant, it gives the same draw. */
export interface DrawInputs {
  applications: ApplicationRow[];
  pools: LotteryPool[];
  ineligible: Set<string>;
}

/**
 * The draw over applicant references (refOf given: the published scheme, recomputable by anyone
 * from the published list) or over person ids (draws made before references existed), with the
 * outcome mapped back to person ids.
 */
export function rankedDraw(seed: string, inputs: Pick<DrawInputs, 'pools' | 'ineligible'>, refOf: ((personId: string) => string) | null): PharmacyDraw[] {
  if (refOf === null) return lotteryDraw(seed, inputs.pools, inputs.ineligible);
  const personOf = new Map<string, string>();
  const pools = inputs.pools.map((p) => ({ ...p, applicants: p.applicants.map((person) => remember(personOf, refOf(person), person)) }));
  const ineligible = new Set([...inputs.ineligible].map(refOf));
  const back = (refs: string[]) => refs.map((r) => personOf.get(r) as string);
  return lotteryDraw(seed, pools, ineligible).map((d) => ({ ...d, ranking: back(d.ranking), winners: back(d.winners), losers: back(d.losers), ineligible: back(d.ineligible) }));
}

function remember(personOf: Map<string, string>, ref: string, person: string): string {
  personOf.set(ref, person);
  return ref;
}

export async function readDrawInputs(db: Kysely<Database>, roundId: string, at: number): Promise<DrawInputs> {
  const rows = await db
    .selectFrom('lottery_applications')
    .select(['id', 'pharmacy_id', 'person_id', 'holder_person_id', 'account_id', 'result', 'reservation_id'])
    .where('round_id', '=', roundId)
    .execute();
  const applications: ApplicationRow[] = rows.map((r) => ({
    id: r.id,
    pharmacyId: r.pharmacy_id,
    personId: r.person_id,
    holderPersonId: r.holder_person_id,
    accountId: r.account_id,
    result: r.result,
    reservationId: r.reservation_id,
  }));
  const quotas = await db.selectFrom('mask_quotas').select(['pharmacy_id', 'quota', 'rolled_in']).where('round_id', '=', roundId).execute();
  const units = new Map(quotas.map((q) => [q.pharmacy_id, Number(q.quota) + Number(q.rolled_in)]));
  const applicants = new Map<string, string[]>();
  for (const a of applications) {
    const pool = applicants.get(a.pharmacyId);
    if (pool) pool.push(a.personId);
    else applicants.set(a.pharmacyId, [a.personId]);
  }
  const pharmacyIds = [...new Set([...units.keys(), ...applicants.keys()])].sort();
  const pools = pharmacyIds.map((id) => ({ pharmacyId: id, quota: units.get(id) ?? 0, applicants: applicants.get(id) ?? [] }));
  return { applications, pools, ineligible: await applicantsHoldingAt(db, roundId, at) };
}

/** Applicants of the round with a reservation of another round outstanding at instant `at`. */
async function applicantsHoldingAt(db: Kysely<Database>, roundId: string, at: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('mask_reservations')
    .select('person_id')
    .distinct()
    .where('round_id', '<>', roundId)
    .where('created_at', '<=', at)
    .where((eb) => eb('person_id', 'in', eb.selectFrom('lottery_applications').select('person_id').where('round_id', '=', roundId)))
    .where((eb) =>
      eb.and(
        (['redeemed_at', 'cancelled_at', 'expired_at'] as const).map((col) => eb.or([eb(col, 'is', null), eb(col, '>', at)])),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.person_id));
}
