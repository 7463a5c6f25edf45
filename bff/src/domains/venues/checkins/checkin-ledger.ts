/** One person's check-in as the ledger records it. */
export interface CheckinRecord {
  id: string;
  venueId: string;
  personId: string;
  /** Who scanned (the holder for a family member). */
  accountId: string;
  /** Epoch ms. */
  at: number;
}

export interface CheckinOutcome {
  /** The recorded check-in (the earlier one when within the dedupe window). */
  id: string;
  at: number;
  duplicate: boolean;
}

export interface CheckinRules {
  dedupeMs: number;
  dailyCap: number;
}

/**
 * Where check-ins are decided (dedupe, daily cap) and made durable. Resolves only once the check-in
 * survives the process: appended to the durable stream (Redis), or committed (SQL, no Redis).
 * Over the cap: throws 429 CHECKIN_LIMIT.
 */
export interface CheckinLedger {
  checkIn(record: CheckinRecord): Promise<CheckinOutcome>;
}

/** The stream payload: `id|venueId|personId|accountId|at` (ids never contain `|`). */
export function encodeCheckin(r: CheckinRecord): string {
  return `${r.id}|${r.venueId}|${r.personId}|${r.accountId}|${r.at}`;
}

export function decodeCheckin(payload: string): CheckinRecord {
  const parts = payload.split('|');
  const at = Number(parts[4]);
  if (parts.length !== 5 || parts.slice(0, 4).some((p) => p.length === 0) || !Number.isSafeInteger(at)) throw new Error('malformed check-in payload');
  return { id: parts[0], venueId: parts[1], personId: parts[2], accountId: parts[3], at };
}
