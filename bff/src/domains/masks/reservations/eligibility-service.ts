import { AppError, isAppError } from '../../../core/app-error';
import type { PersonDirectory } from '../../identity/person-directory';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { MaskScriptCode } from '../hot-path/mask-script-codes';
import { personRefusal } from '../hot-path/person-refusal';
import type { LotteryService } from '../lottery/lottery-service';
import { byDistanceFrom } from '../pharmacies/distance';
import type { PharmacyService, StockEntry } from '../pharmacies/pharmacy-service';
import type { RoundService } from '../rounds/round-service';
import { roundStatus } from '../rounds/round-status';
import type { RoundRecord } from '../rounds/round-store';
import type { EligibilityQuery, EligibilityResponse, IneligibleReason, NearbyPharmacy } from '../shared/mask-contract';
import { repeatPeriodError } from '../shared/repeat-period-error';
import { bookablePerson, knownSoldOut } from './booking-checks';
import type { SoldOutCache } from '../sold-out-cache';

const NEARBY_LIMIT = 3;

type Refusal = Pick<EligibilityResponse, 'availableFrom' | 'availableAt' | 'opensAt' | 'closedAt'> & { reason: IneligibleReason };

export interface EligibilityDeps {
  rounds: RoundService;
  pharmacies: PharmacyService;
  directory: PersonDirectory;
  hotPath: MaskHotPath;
  lottery: LotteryService;
  soldOut: SoldOutCache;
  now: () => number;
}

/**
 * "May I book here?" before the button, read-only: the booking's own checks (round status from
 * the clock, the holder and whom they may book for, the person rule of the hot path or the
 * lottery, the sold-out cache and the live counter), in the order a citizen can act on them.
 * Costs what a booking's reads cost: in-process round and pharmacy snapshot, the cached
 * directory, and for first-come rounds two Redis reads (person state, counter).
 */
export class EligibilityService {
  constructor(private readonly deps: EligibilityDeps) {}

  async check(accountId: string, q: EligibilityQuery): Promise<EligibilityResponse> {
    const { rounds, pharmacies } = this.deps;
    const round = await rounds.current();
    const target = await pharmacies.forBooking(round?.id ?? '', q.pharmacyId);
    const entry = target.entry;
    const remaining = round && round.mode === 'first_come' && !target.outOfRound ? await this.liveRemaining(round.id, entry) : entry.remaining;
    const answer = (refusal: Refusal | null, nearby: NearbyPharmacy[] = []): EligibilityResponse => ({
      eligible: refusal === null,
      reason: null,
      ...refusal,
      pharmacy: { id: entry.id, name: entry.name, remaining, quota: entry.quota },
      unitsPerBooking: round?.quantityPerPerson ?? null,
      nearby,
    });

    const holder = await this.holderOf(accountId);
    if (holder === null) return answer({ reason: 'IDENTITY_REQUIRED' });
    const personId = await bookablePerson(this.deps.directory, holder, q.personId);
    const roundRefusal = this.roundRefusal(round);
    if (roundRefusal || !round) return answer(roundRefusal);
    const personal = await this.personalRefusal(round, personId, personId !== holder);
    if (personal) return answer(personal);
    if (round.mode === 'first_come' && (knownSoldOut(this.deps.soldOut, round.id, entry.id, target.outOfRound) || remaining <= 0)) {
      return answer({ reason: 'SOLD_OUT' }, await this.nearbyWithStock(entry));
    }
    return answer(null);
  }

  private async holderOf(accountId: string): Promise<string | null> {
    try {
      return await this.deps.directory.requirePersonOf(accountId);
    } catch (err) {
      if (isAppError(err) && err.code === 'IDENTITY_REQUIRED') return null;
      throw err;
    }
  }

  /** RoundService.requireOpen's rule (status from the clock), told apart: not open yet, over, none. */
  private roundRefusal(round: RoundRecord | null): Refusal | null {
    if (!round) return { reason: 'ROUND_NOT_OPEN' };
    const status = roundStatus(round, this.deps.now());
    if (status === 'upcoming') return { reason: 'ROUND_NOT_OPEN', opensAt: new Date(round.opensAt).toISOString() };
    if (status === 'closed') return { reason: 'ROUND_CLOSED', closedAt: new Date(round.closesAt).toISOString() };
    return null;
  }

  private async personalRefusal(round: RoundRecord, personId: string, family: boolean): Promise<Refusal | null> {
    const now = this.deps.now();
    let err: AppError | null;
    if (round.mode === 'lottery') {
      err = await this.deps.lottery.refusal(personId, round);
    } else {
      const refused = personRefusal(await this.deps.hotPath.personState(personId, now), now);
      err = refused === null ? null : refused.code === MaskScriptCode.REPEAT_PERIOD ? repeatPeriodError(refused.until) : new AppError(409, 'ALREADY_RESERVED', 'Already reserved');
    }
    if (err === null) return null;
    if (err.code === 'REPEAT_PERIOD') {
      const details = err.details as { availableFrom: string; availableAt: string };
      return { reason: 'REPEAT_PERIOD', availableFrom: details.availableFrom, availableAt: details.availableAt };
    }
    return { reason: family ? 'FAMILY_ALREADY_RESERVED' : 'ALREADY_RESERVED' };
  }

  /** The counter the booking would decrement; the snapshot's figure when Redis has none. */
  private async liveRemaining(roundId: string, entry: StockEntry): Promise<number> {
    const live = await this.deps.hotPath.remaining(roundId, [entry.id]);
    return live[entry.id] ?? entry.remaining;
  }

  /** From the same ≤5 s snapshot the list shows: the nearest pharmacies of the round with bookings left. */
  private async nearbyWithStock(from: StockEntry): Promise<NearbyPharmacy[]> {
    const snap = await this.deps.pharmacies.snapshot();
    const candidates = snap.entries.filter((e) => e.inRound && e.remaining > 0 && e.id !== from.id);
    return byDistanceFrom(from, candidates)
      .slice(0, NEARBY_LIMIT)
      .map((e) => ({ id: e.id, name: e.name, address: e.address, remaining: e.remaining, distanceM: e.distanceM }));
  }
}
