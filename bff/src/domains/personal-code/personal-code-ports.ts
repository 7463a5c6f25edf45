import type { HealthColour, HealthReason } from '@govpass/shared-types';

/** A person's colour now; implemented by the health domain, wired in app.ts. */
export interface PersonStatus {
  colour: HealthColour;
  reasons: HealthReason[];
  /** YYYY-MM-DD on which the colour is expected to turn green, or null. */
  greenFrom: string | null;
}

export interface PersonStatusSource {
  statusOf(personId: string): Promise<PersonStatus>;
}

/** Who a caller is and whom they act for (masks' PersonDirectory today, wired in app.ts). */
export interface PersonDirectoryPort {
  /** The caller's person, or 403 IDENTITY_REQUIRED. */
  requirePersonOf(accountId: string): Promise<string>;
  /** The caller (personId omitted or their own) or one of their family; else 404 NOT_FOUND. */
  resolveSubject(accountId: string, personId?: string): Promise<string>;
  /** Masked name and ID number (李*, 1101**********002X); cached in process. */
  maskedIdentity(personId: string): Promise<{ name: string; idNumber: string }>;
  findByIdNumber(idNumber: string): Promise<string | null>;
}
