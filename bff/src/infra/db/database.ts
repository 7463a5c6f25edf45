import type { AccountsTable, PersonsTable, RoleGrantsTable, AuditLogTable, RegistryEntriesTable, FamilyMembersTable, PersonCodeRefsTable, PrintedCodesTable, AccountSessionsTable, PrivacyConsentsTable, AccountErasuresTable } from './tables/identity-tables';
import type { PharmaciesTable, MaskRoundsTable, MaskQuotasTable, MaskReservationsTable, LotteryApplicationsTable } from './tables/masks-tables';
import type { NotificationOutboxTable } from './tables/notifications-tables';
import type { HealthListEntriesTable, HealthTestResultsTable, HealthDeclarationsTable, HealthTravelTable, HealthExposuresTable, HealthRiskAreasTable, HealthStatusTable, HealthColourChangesTable, HealthAppealsTable, HealthJobsTable } from './tables/health-tables';
import type { HallsTable, HallServicesTable, HallWindowsTable, HallTicketsTable, HallTicketEventsTable, AppointmentsTable, AppointmentWaitlistTable, AppointmentBlocksTable, HallRatingsTable, HallRatingFollowUpsTable } from './tables/hall-tables';
import type { HallWindowShiftsTable, HallServiceSlotSettingsTable } from './tables/hall-staff-tables';
import type { VenuesTable, VenueCheckinsTable, VenueTracesTable } from './tables/venues-tables';

export type * from './tables/identity-tables';
export type * from './tables/masks-tables';
export type * from './tables/notifications-tables';
export type * from './tables/health-tables';
export type * from './tables/hall-tables';
export type * from './tables/venues-tables';
export type * from './tables/hall-staff-tables';

/**
 * Table types for Kysely, one file per area under tables/. Timestamps are epoch milliseconds
 * (BIGINT) so MySQL and SQLite agree on them; dates (YYYY-MM-DD) are strings.
 */
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
  hall_ticket_events: HallTicketEventsTable;
  appointments: AppointmentsTable;
  appointment_waitlist: AppointmentWaitlistTable;
  appointment_blocks: AppointmentBlocksTable;
  hall_ratings: HallRatingsTable;
  hall_rating_follow_ups: HallRatingFollowUpsTable;
  hall_window_shifts: HallWindowShiftsTable;
  hall_service_slot_settings: HallServiceSlotSettingsTable;
  account_sessions: AccountSessionsTable;
  privacy_consents: PrivacyConsentsTable;
  account_erasures: AccountErasuresTable;
}
