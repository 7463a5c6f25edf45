import type { Kysely } from 'kysely';
import type { Database, ReservationStatus } from '../../../infra/db/database';

export interface ReservationRecord {
  id: string;
  roundId: string;
  pharmacyId: string;
  personId: string;
  holderPersonId: string;
  accountId: string;
  pickupDate: string;
  quantity: number;
  status: ReservationStatus;
  createdAt: number;
  redeemedAt: number | null;
  cancelledAt: number | null;
  /** The short 取货码, when the booking has one. */
  shortCode: string | null;
}

export interface PickupDaySummary {
  reserved: number;
  redeemed: number;
  outstanding: number;
}

/** Reads and state changes of stored reservations; rows are created by the hot path's ReservationSink. */
export interface ReservationStore {
  findById(id: string): Promise<ReservationRecord | null>;
  /** Reservations for any of `personIds` or booked by `holderPersonId`, newest first. */
  listFor(personIds: string[], holderPersonId: string, limit: number): Promise<ReservationRecord[]>;
  /** reserved → cancelled; false when it was no longer reserved. */
  cancel(id: string, at: number, unitReturned: boolean): Promise<boolean>;
  /**
   * reserved → redeemed at this pharmacy, in one transaction with `alsoInTx` (the audit record);
   * false when another scan got there first (or it is no longer reserved).
   */
  redeem(id: string, pharmacyId: string, by: string, at: number, alsoInTx: (trx: Kysely<Database>) => Promise<void>): Promise<boolean>;
  /** The reservation with this short code at this pharmacy for this pickup day, whatever its status. */
  findByShortCode(pharmacyId: string, pickupDate: string, shortCode: string): Promise<ReservationRecord | null>;
  /** The person's reservation still to be collected at this pharmacy. */
  outstandingAt(personId: string, pharmacyId: string): Promise<ReservationRecord | null>;
  summary(pharmacyId: string, pickupDate: string): Promise<PickupDaySummary>;
  /** The person's reserved (active) reservation, if any. */
  activeOf(personId: string): Promise<ReservationRecord | null>;
  /** The person's most recent redemption time, if any. */
  lastRedeemedAt(personId: string): Promise<number | null>;
}
