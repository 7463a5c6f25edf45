/* Venue codes and contact tracing: venues, check-ins, trace reports. Conventions in ../database.ts. */

export interface VenuesTable {
  id: string;
  name: string;
  address: string;
  district: string;
  type: string;
  latitude: number;
  longitude: number;
  manager_account_id: string | null;
  created_at: number;
}

export interface VenueCheckinsTable {
  id: string;
  venue_id: string;
  person_id: string;
  account_id: string;
  checked_in_at: number;
}

export interface VenueTracesTable {
  id: string;
  case_person_id: string;
  window_from: number;
  window_until: number;
  note: string | null;
  created_by: string;
  created_at: number;
  ran_at: number;
  report: string;
}
