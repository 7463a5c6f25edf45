import type { Kysely } from 'kysely';
import type { HealthColour, HealthReason, MaskedIdentity } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';

/*
 * What the health domain needs from others, declared here and wired in app.ts, so that it never
 * imports another (non-foundation) domain.
 */

/** Persons of accounts and their families (today the masks domain's PersonDirectory). */
export interface PersonDirectoryPort {
  /** The caller's person, or 403 IDENTITY_REQUIRED. */
  requirePersonOf(accountId: string): Promise<string>;
  familyMemberIds(holderPersonId: string): Promise<string[]>;
  /** The caller (personId omitted or their own) or one of their family; else 404 NOT_FOUND. */
  resolveSubject(accountId: string, personId?: string): Promise<string>;
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
  /** Epoch ms of the change. */
  at: number;
  /** The first reason's text. */
  reason?: string;
}

/**
 * Told of every colour change inside the transaction that records it (the notifications outbox
 * writes through `trx`), so a change is committed together with its notice or not at all.
 */
export interface ColourChangeNotifier {
  colourChanged(event: ColourChangedEvent, trx?: Kysely<Database>): Promise<void>;
}

/** What every door asks: the personal-code domain's PersonStatusSource. */
export interface PersonHealthStatus {
  colour: HealthColour;
  reasons: HealthReason[];
  greenFrom: string | null;
}
