import type { Generated } from 'kysely';

/* Service hall: halls, services, windows and tickets (0007), appointments and ratings (0008). Conventions in ../database.ts. */

export interface HallsTable {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  /** JSON: OpeningPeriod[] */
  opening_hours: string;
  /** JSON: YYYY-MM-DD[] */
  closed_days: string;
  remote_tickets: number;
  created_at: number;
  updated_at: number;
}

export interface HallServicesTable {
  id: string;
  hall_id: string;
  name: string;
  category: string;
  /** JSON: MaterialItem[] */
  materials: string;
  expected_minutes: number;
  ticket_prefix: string;
  appointment_mode: string;
  created_at: number;
  updated_at: number;
}

export interface HallWindowsTable {
  id: string;
  hall_id: string;
  number: number;
  name: string;
  /** JSON: string[] */
  service_ids: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface HallTicketsTable {
  id: string;
  hall_id: string;
  service_id: string;
  day: string;
  seq: number;
  number: string;
  person_id: string;
  taken_by: string;
  channel: string;
  ticket_class: string;
  priority: string;
  appointment_id: string | null;
  state: string;
  rank_at: number;
  taken_at: number;
  arrived_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  window_id: string | null;
  calls: number;
  eta_p50_min: number | null;
  eta_p90_min: number | null;
  transferred_from: string | null;
  updated_at: number;
  /** The hall-day's change counter of the state written (migration 0015). */
  rev: Generated<number>;
}

/** Durable-stream entries of the hall queue already written (migration 0015). */
export interface HallTicketEventsTable {
  id: string;
  written_at: number;
}

/* Service hall: appointments and ratings (migration 0008). */
export interface AppointmentsTable {
  id: string;
  hall_id: string;
  service_id: string;
  person_id: string;
  account_id: string;
  slot_key: string;
  date: string;
  start_min: number;
  end_min: number;
  starts_at: number;
  ends_at: number;
  status: string;
  source: string;
  live: number | null;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
  checked_in_at: number | null;
}

export interface AppointmentWaitlistTable {
  seq: Generated<number>;
  id: string;
  slot_key: string;
  hall_id: string;
  service_id: string;
  date: string;
  start_min: number;
  end_min: number;
  person_id: string;
  account_id: string;
  status: string;
  live: number | null;
  joined_at: number;
  updated_at: number;
  appointment_id: string | null;
}

export interface AppointmentBlocksTable {
  person_id: string;
  blocked_until: string;
  no_shows: number;
  updated_at: number;
}

export interface HallRatingsTable {
  id: string;
  ticket_id: string;
  person_id: string;
  account_id: string;
  hall_id: string;
  service_id: string;
  window_id: string | null;
  grade: string;
  score: number;
  tags: string;
  comment: string | null;
  visit_completed_at: number;
  created_at: number;
}

export interface HallRatingFollowUpsTable {
  id: string;
  rating_id: string;
  hall_id: string;
  status: string;
  due_at: number;
  note: string | null;
  closed_by: string | null;
  closed_at: number | null;
  created_at: number;
}
