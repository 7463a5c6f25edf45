import type { Generated } from 'kysely';

/* Mask rounds: pharmacies, rounds and quotas, reservations, lottery applications. Conventions in ../database.ts. */

export interface PharmaciesTable {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number;
  longitude: number;
  phone: string;
  opening_hours: string;
  created_at: number;
  updated_at: number;
}

export interface MaskRoundsTable {
  id: string;
  name: string;
  opens_at: number;
  closes_at: number;
  pickup_date: string;
  quantity_per_person: number;
  mode: 'first_come' | 'lottery';
  repeat_days: number;
  lottery_seed: string | null;
  drawn_at: number | null;
  expired_at: number | null;
  created_at: number;
  /** 0012: the planned end when an administrator closed the round early. */
  planned_closes_at: Generated<number | null>;
  closed_early_at: Generated<number | null>;
  cancelled_at: Generated<number | null>;
  change_reason: Generated<string | null>;
  /** 0012: JSON {rolledInto, rolled} of the first expiry. */
  expire_outcome: Generated<string | null>;
  /** 0012: 'applicant-ref' when the draw ranked keyed applicant hashes; null = person ids. */
  lottery_ref_scheme: Generated<string | null>;
}

export interface MaskQuotasTable {
  round_id: string;
  pharmacy_id: string;
  quota: number;
  rolled_in: Generated<number>;
  /** 0012: units never booked, passed to the next round at expiry. */
  unbooked_out: Generated<number>;
}

export type ReservationStatus = 'reserved' | 'redeemed' | 'expired' | 'cancelled';

export interface MaskReservationsTable {
  id: string;
  round_id: string;
  pharmacy_id: string;
  person_id: string;
  holder_person_id: string;
  account_id: string;
  pickup_date: string;
  quantity: number;
  status: ReservationStatus;
  active_person_id: string | null;
  idempotency_key: string | null;
  created_at: number;
  redeemed_at: number | null;
  redeemed_by: string | null;
  cancelled_at: number | null;
  unit_returned: Generated<number>;
  expired_at: number | null;
  /** The short 取货码 (10 digits), unique per pharmacy × pickup day; NULL when the row has none. */
  short_code: string | null;
}

export interface LotteryApplicationsTable {
  id: string;
  round_id: string;
  pharmacy_id: string;
  person_id: string;
  holder_person_id: string;
  account_id: string;
  created_at: number;
  result: 'won' | 'lost' | 'ineligible' | 'cancelled' | null;
  reservation_id: string | null;
  /** 0012: why an ineligible application was passed over. */
  ineligible_reason: Generated<string | null>;
}
