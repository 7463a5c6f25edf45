import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are epoch milliseconds (BIGINT) so MySQL and SQLite
 * agree on them; dates (YYYY-MM-DD) are strings.
 */
export interface AccountsTable {
  id: string;
  channel: 'weapp' | 'alipay' | 'h5';
  channel_user_id: string;
  union_id: string | null;
  person_id: string | null;
  created_at: number;
}

export interface PersonsTable {
  id: string;
  /** HMAC-SHA256 of the ID number: the only way to look a person up. */
  id_hash: string;
  /** AES-256-GCM ciphertext of the ID number. */
  id_cipher: string;
  name_cipher: string;
  birth_date: string;
  created_at: number;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  account_id: string;
  role: string;
  /** '' for global roles: a NULL would not take part in the unique key on MySQL. */
  scope_id: string;
  granted_by: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  details: string | null;
}

export interface RegistryEntriesTable {
  id_hash: string;
  name_hash: string;
}

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

export interface FamilyMembersTable {
  id: string;
  holder_person_id: string;
  member_person_id: string;
  relation: string;
  created_at: number;
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

export interface PersonCodeRefsTable {
  person_id: string;
  /** 8 random bytes as 16 lowercase hex characters. */
  ref: string;
  created_at: number;
}

export interface PrintedCodesTable {
  id: string;
  person_id: string;
  /** 8 random bytes as 16 lowercase hex characters. */
  ref: string;
  /** Account id of the holder who printed it, or 'admin:<account id>'. */
  issued_by: string;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationOutboxTable {
  id: string;
  dedupe_key: string;
  template: string;
  person_id: string | null;
  account_id: string | null;
  /** JSON of the template's data. */
  data: string;
  status: NotificationStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  claim_token: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  finished_at: number | null;
}

export interface HealthListEntriesTable {
  id: string;
  id_hash: string;
  list: string;
  date: string;
  released_on: string | null;
  import_id: string;
  created_at: number;
}

export interface HealthTestResultsTable {
  id: string;
  id_hash: string;
  result: string;
  sampled_at: number;
  import_id: string;
  created_at: number;
}

export interface HealthDeclarationsTable {
  id: string;
  id_hash: string;
  person_id: string;
  account_id: string;
  date: string;
  declared_at: number;
  symptoms: string;
}

export interface HealthTravelTable {
  declaration_id: string;
  id_hash: string;
  district: string;
  date: string;
}

export interface HealthExposuresTable {
  id: string;
  id_hash: string;
  date: string;
  source: string;
  created_at: number;
}

export interface HealthRiskAreasTable {
  id: Generated<number>;
  district: string;
  level: string;
  from_date: string;
  until_date: string | null;
}

export interface HealthStatusTable {
  person_id: string;
  colour: string;
  reasons: string;
  green_from: string | null;
  review_on: string | null;
  computed_at: number;
}

export interface HealthColourChangesTable {
  id: Generated<number>;
  person_id: string;
  from_colour: string | null;
  to_colour: string;
  cause: string;
  actor: string;
  at: number;
}

export interface HealthAppealsTable {
  id: string;
  person_id: string;
  account_id: string;
  colour_at_filing: string;
  reason: string;
  status: string;
  created_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_note: string | null;
  override_colour: string | null;
  override_until: string | null;
}

export interface HealthJobsTable {
  id: string;
  kind: string;
  status: string;
  total: number;
  done: number;
  changed: number;
  actor: string;
  started_at: number;
  finished_at: number | null;
}

// ---------------------------------------------------------------- service hall (0007-hall)

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
}

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

/** A live session's listing (0009-rights); the hot store's record is what makes the token valid. */
export interface AccountSessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  channel: 'weapp' | 'alipay' | 'h5';
  created_at: number;
  last_used_at: number;
  expires_at: number;
  ip_masked: string;
}

export interface PrivacyConsentsTable {
  id: string;
  account_id: string;
  version: string;
  channel: string;
  agreed_at: number;
}

export interface Database {
  accounts: AccountsTable;
  persons: PersonsTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  registry_entries: RegistryEntriesTable;
  pharmacies: PharmaciesTable;
  mask_rounds: MaskRoundsTable;
  mask_quotas: MaskQuotasTable;
  family_members: FamilyMembersTable;
  mask_reservations: MaskReservationsTable;
  lottery_applications: LotteryApplicationsTable;
  person_code_refs: PersonCodeRefsTable;
  printed_codes: PrintedCodesTable;
  notification_outbox: NotificationOutboxTable;
  health_list_entries: HealthListEntriesTable;
  health_test_results: HealthTestResultsTable;
  health_declarations: HealthDeclarationsTable;
  health_travel: HealthTravelTable;
  health_exposures: HealthExposuresTable;
  health_risk_areas: HealthRiskAreasTable;
  health_status: HealthStatusTable;
  health_colour_changes: HealthColourChangesTable;
  health_appeals: HealthAppealsTable;
  health_jobs: HealthJobsTable;
  venues: VenuesTable;
  venue_checkins: VenueCheckinsTable;
  venue_traces: VenueTracesTable;
  halls: HallsTable;
  hall_services: HallServicesTable;
  hall_windows: HallWindowsTable;
  hall_tickets: HallTicketsTable;
  appointments: AppointmentsTable;
  appointment_waitlist: AppointmentWaitlistTable;
  appointment_blocks: AppointmentBlocksTable;
  hall_ratings: HallRatingsTable;
  hall_rating_follow_ups: HallRatingFollowUpsTable;
  account_sessions: AccountSessionsTable;
  privacy_consents: PrivacyConsentsTable;
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
