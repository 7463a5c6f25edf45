export interface LotteryApplicationRecord {
  id: string;
  roundId: string;
  pharmacyId: string;
  personId: string;
  holderPersonId: string;
  accountId: string;
  createdAt: number;
  result: LotteryResult | null;
  /** Why an ineligible application was passed over (e.g. HELD_RESERVATION). */
  ineligibleReason?: string | null;
}

export type LotteryResult = 'won' | 'lost' | 'ineligible' | 'cancelled';

export interface LotteryStore {
  /**
   * 'duplicate' when the person already applied in this round (unique round + person);
   * 'closed' when the round's window has ended or it was cancelled by the instant of the insert.
   */
  insert(app: LotteryApplicationRecord): Promise<'inserted' | 'duplicate' | 'closed'>;
  findByRoundAndPerson(roundId: string, personId: string): Promise<LotteryApplicationRecord | null>;
  /** Applications for any of `personIds` or made by `holderPersonId`, newest first. */
  listFor(personIds: string[], holderPersonId: string, limit: number): Promise<LotteryApplicationRecord[]>;
}
