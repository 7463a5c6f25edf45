import { createHmac } from 'node:crypto';

/**
 * The pseudonym under which an applicant appears in a round's published ranking
 * (docs/lottery.md): HMAC-SHA256(key, roundId + ":" + personId), first 24 hex characters
 * (96 bits: no collision among a round's applicants in practice; a collision would make the
 * draw refuse, never pick wrongly). Keyed, so nobody can test a guessed person against the
 * list; per round, so one person's entries in two rounds cannot be linked. The applicant sees
 * their own reference on their application.
 */
export type ApplicantRefOf = (roundId: string, personId: string) => string;

const REF_HEX = 24;

/** The key, derived from masks.pickupCodeKey (32 bytes hex) so no new secret is needed. */
export function applicantRefKey(pickupCodeKeyHex: string): Buffer {
  return createHmac('sha256', Buffer.from(pickupCodeKeyHex, 'hex')).update('govpass lottery applicant reference v1').digest();
}

export function applicantRefs(key: Buffer): ApplicantRefOf {
  return (roundId, personId) => createHmac('sha256', key).update(`${roundId}:${personId}`, 'utf8').digest('hex').slice(0, REF_HEX);
}
