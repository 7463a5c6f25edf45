import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { ApplicationRow } from './draw-inputs';
import type { PharmacyDraw } from './lottery-draw';

export interface DrawMismatch {
  applicationId: string | null;
  pharmacyId: string;
  personId: string;
  problem: string;
}

export interface VerifyOutcome {
  roundId: string;
  seed: string;
  drawnAt: number;
  /** False when the stored seed differs from the one recorded in the audit log at publication. */
  seedMatchesPublished: boolean;
  applications: number;
  matches: boolean;
  mismatches: DrawMismatch[];
}

/** Where the stored results differ from the recomputed draw (`saysIneligible`: the round stored the passed-over as such). */
export async function compareResults(db: Kysely<Database>, roundId: string, applications: ApplicationRow[], draws: PharmacyDraw[], saysIneligible: boolean): Promise<DrawMismatch[]> {
  const winners = new Set(draws.flatMap((d) => d.winners));
  // Draws before 0012 stored the passed-over as lost.
  const ineligible = new Set(saysIneligible ? draws.flatMap((d) => d.ineligible) : []);
  const reservations = await db.selectFrom('mask_reservations').select(['id', 'person_id', 'pharmacy_id']).where('round_id', '=', roundId).execute();
  const reservationById = new Map(reservations.map((r) => [r.id, r]));
  const mismatches: DrawMismatch[] = [];
  // A reservation its own application points at is accounted for, whatever the result says.
  const claimed = new Set(applications.filter((a) => a.reservationId !== null && reservationById.get(a.reservationId)?.person_id === a.personId).map((a) => a.reservationId as string));
  for (const a of applications) {
    const expected = winners.has(a.personId) ? 'won' : ineligible.has(a.personId) ? 'ineligible' : 'lost';
    const base = { applicationId: a.id, pharmacyId: a.pharmacyId, personId: a.personId };
    if (a.result !== expected) {
      mismatches.push({ ...base, problem: `stored result ${a.result ?? 'none'}, the draw gives ${expected}` });
      continue;
    }
    if (expected !== 'won') {
      if (a.reservationId !== null) mismatches.push({ ...base, problem: `a losing application points at reservation ${a.reservationId}` });
      continue;
    }
    const r = a.reservationId === null ? undefined : reservationById.get(a.reservationId);
    if (!r || r.person_id !== a.personId || r.pharmacy_id !== a.pharmacyId) mismatches.push({ ...base, problem: 'the winning application has no matching reservation' });
  }
  for (const r of reservations) {
    if (!claimed.has(r.id)) mismatches.push({ applicationId: null, pharmacyId: r.pharmacy_id, personId: r.person_id, problem: `reservation ${r.id} belongs to no winning application` });
  }
  return mismatches;
}
