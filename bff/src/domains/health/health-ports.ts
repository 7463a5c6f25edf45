import type { HealthColour, HealthReason, MaskedIdentity } from '@govpass/shared-types';

/*
 * What the health domain needs from others, declared here and wired in app.ts, so that it never
 * imports another (non-foundation) domain.
 */

/** Persons of accounts and their families (today the masks domain's PersonDirectory). */
export interface PersonDirectoryPort {
  /** The caller's person, or 403 IDENTITY_REQUIRED. */
  requirePersonOf(accountId: string): Promise<string>;
  familyMemberIds(holderPersonId: string): Promise<string[]>;
  maskedIdentity(personId: string): Promise<MaskedIdentity>;
}

/** The personal-code domain: signs the live QR a door scans. */
export interface PersonalCodeIssuer {
  issueLive(personId: string, colour: HealthColour): Promise<{ code: string; issuedAt: string; expiresAt: string }>;
}

export interface ColourChangedEvent {
  personId: string;
  from: HealthColour | null;
  to: HealthColour;
  cause: string;
}

/** Told after every colour change is committed (the notifications outbox tells the person). */
export interface ColourChangeNotifier {
  colourChanged(event: ColourChangedEvent): Promise<void>;
}

/** What every door asks: the personal-code domain's PersonStatusSource. */
export interface PersonHealthStatus {
  colour: HealthColour;
  reasons: HealthReason[];
  greenFrom: string | null;
}
