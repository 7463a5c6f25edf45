import type { Kysely } from 'kysely';
import { AppError } from '../../../core/app-error';
import type { Database } from '../../../infra/db/database';
import type { ApplicantRefOf } from '../lottery/applicant-ref';
import type { PublishedDrawResponse } from '../shared/mask-contract';
import { loadRound } from './load-round';
import { lotteryDraw } from './lottery-draw';
import { readDrawInputs, REF_SCHEME } from './draw-inputs';

type Result = PublishedDrawResponse['pharmacies'][number]['ranking'][number]['result'];

/**
 * A drawn round as anyone may check it (docs/lottery.md): the seed, and per pharmacy the units
 * and every applicant's reference in drawn order with the stored result. Recomputing
 * lotteryRanking(seed, pharmacyId, refs) over the listed refs gives the same order; walking it,
 * the first `units` not marked ineligible must be the winners.
 */
export async function publishedDraw(db: Kysely<Database>, refOf: ApplicantRefOf, roundId: string): Promise<PublishedDrawResponse> {
  const round = await loadRound(db, roundId);
  if (round.mode !== 'lottery' || round.drawnAt === null || round.lotterySeed === null) throw new AppError(409, 'CONFLICT', `Round ${roundId} has no published draw yet`);
  const inputs = await readDrawInputs(db, round.id, round.drawnAt);
  const byRef = new Map(inputs.applications.map((a) => [refOf(round.id, a.personId), a]));
  const refsOnly = round.lotteryRefScheme === REF_SCHEME;
  const pools = inputs.pools.map((p) => ({ ...p, applicants: p.applicants.map((person) => (refsOnly ? refOf(round.id, person) : person)) }));
  const draws = lotteryDraw(round.lotterySeed, pools);
  const resultOf = (stored: string | null): Result => (stored === 'won' || stored === 'ineligible' ? stored : 'lost');
  return {
    roundId: round.id,
    seed: round.lotterySeed,
    drawnAt: new Date(round.drawnAt).toISOString(),
    algorithm: refsOnly ? 'hmac-sha256-fisher-yates/applicant-ref' : 'hmac-sha256-fisher-yates/person-id',
    pharmacies: draws.map((d) => ({
      pharmacyId: d.pharmacyId,
      units: d.quota,
      ranking: d.ranking.map((entry, i) => {
        // Older draws ranked person ids: they are published as references all the same.
        const ref = refsOnly ? entry : refOf(round.id, entry);
        return { ref, rank: i + 1, result: resultOf(byRef.get(ref)?.result ?? null) };
      }),
    })),
  };
}
