import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { AppError } from '../../../core/app-error';
import type { Database, MaskReservationsTable } from '../../../infra/db/database';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { AuditLog } from '../../audit/audit-log';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { chunked } from './chunked';
import { loadRound, type OpsRound } from './load-round';
import type { PharmacyDraw } from './lottery-draw';
import { rankedDraw, readDrawInputs, REF_SCHEME } from './draw-inputs';
import { winnerReservations, writeApplicationResults, writeReservations } from './draw-results';
import { compareResults, type VerifyOutcome } from './verify-draw';
import type { ApplicantRefOf } from '../lottery/applicant-ref';
import type { ShortCodes } from '../pickup-code/short-code';

export type { DrawMismatch, VerifyOutcome } from './verify-draw';

export interface DrawOptions {
  /** A seed fixed in advance (e.g. a public figure announced beforehand); else 32 random bytes, hex. */
  seed?: string;
}

export interface PharmacyDrawSummary {
  pharmacyId: string;
  /** quota + rolled_in: the units given away. */
  units: number;
  applicants: number;
  winners: number;
  ineligible: number;
}

export interface DrawOutcome {
  roundId: string;
  seed: string;
  drawnAt: number;
  applications: number;
  winners: number;
  losers: number;
  /** Applicants passed over because they held an active reservation elsewhere at drawnAt. */
  ineligible: number;
  pharmacies: PharmacyDrawSummary[];
  /** Hot-path sync after the commit; on failure the draw stands and `rebuild-hot-store` repairs. */
  hotPath: { synced: boolean; error?: string };
}

const SEED_TEXT = /^[\x20-\x7e]{1,128}$/;
const SEED_ACTION = 'mask.lottery.seed';

/**
 * Draws a closed lottery round, once, and lets anyone re-check it. The seed is committed (and
 * audited) in its own transaction BEFORE any result exists, and never replaced afterwards: an
 * interrupted draw resumes with the same seed, so nobody can retry until the outcome suits them.
 *
 * A winner who holds an active reservation elsewhere at the draw instant (drawn_at) loses and
 * the unit passes to the next in the ranking; "active at T" is read from the reservations'
 * timestamps (created ≤ T, not redeemed/cancelled/expired by T), which never change, so
 * verifyDraw reaches the same verdict later.
 */
export class LotteryDrawService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hotPath: MaskHotPath,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    /** Pseudonyms the draw ranks and publishes (lottery/applicant-ref.ts). */
    private readonly applicantRef: ApplicantRefOf,
    /** Winners get a 取货码 as first-come bookings do; without it (older callers) the QR alone. */
    private readonly shortCodes?: ShortCodes,
  ) {}

  async draw(roundId: string, actor: string, options: DrawOptions = {}): Promise<DrawOutcome> {
    const round = await loadRound(this.db, roundId);
    this.assertDrawable(round);
    const seed = await this.publishSeed(round, actor, options.seed);
    const { drawnAt, draws, reservations, applications } = await this.writeResults(round, seed, actor).catch((err: unknown) => {
      // A winner booked elsewhere between our eligibility read and the insert: nothing was written.
      if (isUniqueViolation(err)) throw new AppError(409, 'CONFLICT', `A winner of round ${round.id} booked elsewhere during the draw; nothing was written — run the draw again (the published seed stays)`, { cause: err });
      throw err;
    });
    const hotPath = await this.syncHotPath(round.id, draws, reservations);
    const winners = reservations.length;
    return {
      roundId: round.id,
      seed,
      drawnAt,
      applications,
      winners,
      losers: applications - winners,
      ineligible: draws.reduce((n, d) => n + d.ineligible.length, 0),
      pharmacies: draws.map((d) => ({ pharmacyId: d.pharmacyId, units: d.quota, applicants: d.ranking.length, winners: d.winners.length, ineligible: d.ineligible.length })),
      hotPath,
    };
  }

  /** Recomputes the draw from the stored seed, applicants, quotas and reservations. */
  async verifyDraw(roundId: string): Promise<VerifyOutcome> {
    const round = await loadRound(this.db, roundId);
    if (round.drawnAt === null || round.lotterySeed === null) throw new AppError(409, 'CONFLICT', `Round ${roundId} has not been drawn`);
    const inputs = await readDrawInputs(this.db, round.id, round.drawnAt);
    const draws = rankedDraw(round.lotterySeed, inputs, round.lotteryRefScheme === REF_SCHEME ? (p) => this.applicantRef(round.id, p) : null);
    const mismatches = await compareResults(this.db, round.id, inputs.applications, draws, round.lotteryRefScheme === REF_SCHEME);
    const seedMatchesPublished = await this.publishedSeed(round.id).then((s) => s === round.lotterySeed);
    return {
      roundId: round.id,
      seed: round.lotterySeed,
      drawnAt: round.drawnAt,
      seedMatchesPublished,
      applications: inputs.applications.length,
      matches: mismatches.length === 0 && seedMatchesPublished,
      mismatches,
    };
  }

  private assertDrawable(round: OpsRound): void {
    if (round.mode !== 'lottery') throw new AppError(409, 'CONFLICT', `Round ${round.id} is first-come, not a lottery`);
    if (round.drawnAt !== null) throw new AppError(409, 'CONFLICT', `Round ${round.id} was already drawn`, { details: { drawnAt: new Date(round.drawnAt).toISOString() } });
    if (this.now() < round.closesAt) throw new AppError(409, 'CONFLICT', `Round ${round.id} is still taking applications until ${new Date(round.closesAt).toISOString()}`);
  }

  private async publishSeed(round: OpsRound, actor: string, requested: string | undefined): Promise<string> {
    if (requested !== undefined && !SEED_TEXT.test(requested)) throw new AppError(400, 'VALIDATION_FAILED', 'The seed must be 1–128 printable ASCII characters');
    if (round.lotterySeed !== null) {
      if (requested !== undefined && requested !== round.lotterySeed) {
        throw new AppError(409, 'CONFLICT', `Round ${round.id} already has a published seed; it cannot be replaced`, { details: { seed: round.lotterySeed } });
      }
      return round.lotterySeed;
    }
    const seed = requested ?? randomBytes(32).toString('hex');
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('mask_rounds')
        .set({ lottery_seed: seed })
        .where('id', '=', round.id)
        .where('lottery_seed', 'is', null)
        .where('drawn_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'CONFLICT', `Round ${round.id} changed meanwhile; run the draw again`);
      await this.audit.record({ actor, action: SEED_ACTION, targetType: 'mask_round', targetId: round.id, details: { seed } }, trx);
    });
    return seed;
  }

  private async writeResults(round: OpsRound, seed: string, actor: string) {
    return this.db.transaction().execute(async (trx) => {
      const drawnAt = this.now();
      // The claim row-locks the round on MySQL: a concurrent draw waits here, then finds drawn_at set.
      const claim = await trx.updateTable('mask_rounds').set({ drawn_at: drawnAt, lottery_ref_scheme: REF_SCHEME }).where('id', '=', round.id).where('drawn_at', 'is', null).where('lottery_seed', '=', seed).executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) throw new AppError(409, 'CONFLICT', `Round ${round.id} was drawn meanwhile`);
      const inputs = await readDrawInputs(trx, round.id, drawnAt);
      const draws = rankedDraw(seed, inputs, (p) => this.applicantRef(round.id, p));
      const reservations = await this.withShortCodes(round, winnerReservations(round, draws, inputs.applications, drawnAt));
      await writeReservations(trx, reservations);
      await writeApplicationResults(trx, round.id, inputs.applications, reservations, new Set(draws.flatMap((d) => d.ineligible)));
      const winners = reservations.length;
      await this.audit.record(
        {
          actor,
          action: 'mask.lottery.draw',
          targetType: 'mask_round',
          targetId: round.id,
          details: { seed, drawnAt, applications: inputs.applications.length, winners, ineligible: draws.reduce((n, d) => n + d.ineligible.length, 0), pharmacies: draws.length },
        },
        trx,
      );
      return { drawnAt, draws, reservations, applications: inputs.applications.length };
    });
  }

  /**
   * Numbers from the hot store's pharmacy × day sequence, so a winner's code never equals a
   * first-come booking's of the same day. The draw does not depend on it: when the hot store
   * cannot answer, winners keep the QR alone (taken numbers of a rolled-back draw are gaps).
   */
  private async withShortCodes(round: OpsRound, rows: Insertable<MaskReservationsTable>[]): Promise<Insertable<MaskReservationsTable>[]> {
    const codes = this.shortCodes;
    if (!codes) return rows;
    const byPharmacy = new Map<string, Insertable<MaskReservationsTable>[]>();
    for (const r of rows) {
      const mine = byPharmacy.get(r.pharmacy_id);
      if (mine) mine.push(r);
      else byPharmacy.set(r.pharmacy_id, [r]);
    }
    const coded: Insertable<MaskReservationsTable>[] = [];
    for (const [pharmacyId, mine] of byPharmacy) {
      const first = await this.hotPath.takeShortSeqs(pharmacyId, round.pickupDate, mine.length).catch(() => null);
      mine.forEach((r, i) => coded.push(first === null ? r : { ...r, short_code: codes.codeOf(pharmacyId, round.pickupDate, first + i) }));
    }
    return coded;
  }

  /**
   * Counters: the round is closed, so nothing books against them and replacing them cannot race.
   * Holds: restore() writes only missing ones, so a hold the hot path already has is kept.
   */
  private async syncHotPath(roundId: string, draws: PharmacyDraw[], reservations: Insertable<MaskReservationsTable>[]): Promise<{ synced: boolean; error?: string }> {
    try {
      for (const d of draws) await this.hotPath.setRemaining(roundId, d.pharmacyId, Math.max(0, d.quota - d.winners.length));
      const persons = reservations.map((r) => ({ personId: r.person_id, activeReservationId: r.id, repeatUntil: null }));
      for (const batch of chunked(persons)) await this.hotPath.restore([], batch);
      return { synced: true };
    } catch (err) {
      return { synced: false, error: (err as Error).message };
    }
  }

  private async publishedSeed(roundId: string): Promise<string | null> {
    const records = await this.audit.forTarget('mask_round', roundId);
    const published = records.find((r) => r.action === SEED_ACTION);
    return typeof published?.details?.seed === 'string' ? published.details.seed : null;
  }
}
