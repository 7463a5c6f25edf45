import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/app-error';
import { repeatUntilOf } from '../hot-path/rebuild-hot-path';
import { repeatPeriodError } from '../shared/repeat-period-error';
import type { ReservationStore } from '../reservations/reservation-store';
import type { RoundRecord } from '../rounds/round-store';
import type { LotteryApplicationRecord, LotteryStore } from './lottery-store';

export interface ApplyInput {
  round: RoundRecord;
  pharmacyId: string;
  personId: string;
  holderPersonId: string;
  accountId: string;
}

/**
 * Lottery rounds: a booking registers an application, one per person per round; the draw is
 * somebody else's job. Demand is spread over the whole window rather than the opening second,
 * so the checks read MySQL directly.
 */
export class LotteryService {
  constructor(
    private readonly applications: LotteryStore,
    private readonly reservations: ReservationStore,
    private readonly now: () => number,
  ) {}

  /** The new application, or the same person's earlier one at the same pharmacy (a retry). */
  async apply(input: ApplyInput): Promise<LotteryApplicationRecord> {
    await this.assertEligible(input.personId, input.round.repeatDays);
    const app: LotteryApplicationRecord = {
      id: randomUUID(),
      roundId: input.round.id,
      pharmacyId: input.pharmacyId,
      personId: input.personId,
      holderPersonId: input.holderPersonId,
      accountId: input.accountId,
      createdAt: this.now(),
      result: null,
    };
    const inserted = await this.applications.insert(app);
    if (inserted === 'inserted') return app;
    if (inserted === 'closed') throw new AppError(409, 'ROUND_NOT_OPEN', 'No booking round is open now', { details: { closedAt: null, nextOpensAt: null } });
    const earlier = await this.applications.findByRoundAndPerson(input.round.id, input.personId);
    if (earlier && earlier.pharmacyId === input.pharmacyId && earlier.accountId === input.accountId) return earlier;
    throw new AppError(409, 'ALREADY_RESERVED', 'This person has already applied in this round');
  }

  listFor(personIds: string[], holderPersonId: string): Promise<LotteryApplicationRecord[]> {
    return this.applications.listFor(personIds, holderPersonId, 50);
  }

  /**
   * Why an application of this person in this round would be refused, else null; read-only (the
   * eligibility answer). An application already made counts, whichever pharmacy it names.
   */
  async refusal(personId: string, round: RoundRecord): Promise<AppError | null> {
    const refused = await this.personRefusal(personId, round.repeatDays);
    if (refused) return refused;
    const earlier = await this.applications.findByRoundAndPerson(round.id, personId);
    return earlier ? new AppError(409, 'ALREADY_RESERVED', 'This person has already applied in this round') : null;
  }

  private async assertEligible(personId: string, repeatDays: number): Promise<void> {
    const refused = await this.personRefusal(personId, repeatDays);
    if (refused) throw refused;
  }

  private async personRefusal(personId: string, repeatDays: number): Promise<AppError | null> {
    if (await this.reservations.activeOf(personId)) return new AppError(409, 'ALREADY_RESERVED', 'This person already has a reservation to collect');
    const redeemedAt = await this.reservations.lastRedeemedAt(personId);
    if (redeemedAt === null) return null;
    const until = repeatUntilOf(redeemedAt, repeatDays);
    return this.now() < until ? repeatPeriodError(until) : null;
  }
}
