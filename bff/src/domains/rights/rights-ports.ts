/**
 * How each domain takes part in a citizen's rights over their data (docs/privacy.md). The rights
 * domain knows no other domain: every domain that holds personal data implements these two ports
 * in its own folder, and app.ts registers them. A new domain (venues, the service hall) adds one
 * contributor and one eraser, nothing else.
 */

/** Whose data: the account asking and its verified person (null when never verified). */
export interface DataSubject {
  accountId: string;
  personId: string | null;
  /** The request that asked, for the audit trail. */
  requestId?: string;
}

/** One domain's part of GET /api/v1/me/export: readable JSON, identity masked as the app shows it. */
export interface PersonalDataContributor {
  /** The export's section name (identity, family, masks, health, …). */
  readonly section: string;
  contribute(subject: DataSubject): Promise<unknown>;
}

/**
 * One domain's step of DELETE /api/v1/me. Deletes what nothing requires keeping; what law or audit
 * requires is kept only under pseudonymous ids (UUIDs that lead nowhere once the person's row is
 * gone) and under a retention rule written in docs/privacy.md. Must be safe to run again (a retry
 * after a failure part-way).
 */
export interface PersonalDataEraser {
  /** The step's name in the answer and the audit trail. */
  readonly domain: string;
  /** What the step did, counted (never names or ids of other people). */
  erase(subject: DataSubject): Promise<Record<string, number>>;
}
