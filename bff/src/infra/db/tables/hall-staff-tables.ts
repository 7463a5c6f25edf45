/** Migration 0016: window sign-ins and per-service slot settings. */
export interface HallWindowShiftsTable {
  account_id: string;
  window_id: string;
  hall_id: string;
  /** China-time day, YYYY-MM-DD: a sign-in of an earlier day no longer holds. */
  day: string;
  signed_in_at: number;
}

export interface HallServiceSlotSettingsTable {
  service_id: string;
  hall_id: string;
  slot_minutes: number | null;
  slot_capacity: number | null;
  updated_by: string;
  updated_at: number;
}
