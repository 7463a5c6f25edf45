import type { HealthColour, HealthReason, MaskedIdentity } from '@govpass/shared-types';

/*
 * What the venues domain needs from others, declared here and wired in app.ts, so that it never
 * imports another (non-foundation) domain.
 */

/** Identity's PersonDirectory. */
export interface VenuePersonDirectory {
  requirePersonOf(accountId: string): Promise<string>;
  /** The caller (personId omitted or their own) or one of their family; else 404 NOT_FOUND. */
  resolveSubject(accountId: string, personId?: string): Promise<string>;
  maskedIdentity(personId: string): Promise<MaskedIdentity>;
  findByIdNumber(idNumber: string): Promise<string | null>;
}

export interface VenueExposureReport {
  personId: string;
  /** China date of the visit. */
  date: string;
  /** venue:<venue id>@<check-in epoch ms>: the same report twice counts once. */
  source: string;
}

/** The health domain: the colour at the door, and tracing exposures. */
export interface VenueHealthPort {
  statusOf(personId: string): Promise<{ colour: HealthColour; reasons: HealthReason[] }>;
  recordExposures(reports: readonly VenueExposureReport[], actor?: string): Promise<{ recorded: number; changed: number }>;
}

/** The one notification outbox (already non-green people learn of a new exposure through it). */
export interface VenueNotifier {
  /** `reason`: short Chinese text naming the venue and time (≤ 64 characters). */
  exposureNotice(notice: { personId: string; colour: HealthColour; reason: string; at: number; dedupeKey: string }): Promise<void>;
}
