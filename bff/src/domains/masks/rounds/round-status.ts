import type { MaskRound, MaskRoundStatus } from '../shared/mask-contract';
import { chinaDateOf } from '../../../core/china-date';
import type { RoundRecord } from './round-store';

/** Status is never stored: it follows from the clock, so every BFF process agrees without a job. */
export function roundStatus(round: Pick<RoundRecord, 'opensAt' | 'closesAt' | 'cancelledAt'>, now: number): MaskRoundStatus {
  if (round.cancelledAt != null) return 'closed';
  if (now < round.opensAt) return 'upcoming';
  return now < round.closesAt ? 'open' : 'closed';
}

/**
 * The round to show: the one open now, else the next to open, else the last closed one while its
 * pickup day has not passed (so the page still says "pick up tomorrow"), else none.
 */
export function pickCurrentRound(all: RoundRecord[], now: number): RoundRecord | null {
  // A cancelled round is nobody's current round: its reservations are gone.
  const rounds = all.filter((r) => r.cancelledAt == null);
  const open = rounds.filter((r) => roundStatus(r, now) === 'open').sort((a, b) => a.closesAt - b.closesAt);
  if (open.length > 0) return open[0];
  const upcoming = rounds.filter((r) => r.opensAt > now).sort((a, b) => a.opensAt - b.opensAt);
  if (upcoming.length > 0) return upcoming[0];
  const today = chinaDateOf(now);
  const closed = rounds.filter((r) => r.closesAt <= now && r.pickupDate >= today).sort((a, b) => b.closesAt - a.closesAt);
  return closed[0] ?? null;
}

export function toMaskRound(round: RoundRecord, now: number): MaskRound {
  return {
    id: round.id,
    name: round.name,
    status: roundStatus(round, now),
    opensAt: new Date(round.opensAt).toISOString(),
    closesAt: new Date(round.closesAt).toISOString(),
    pickupDate: round.pickupDate,
    quantityPerPerson: round.quantityPerPerson,
    mode: round.mode,
    repeatDays: round.repeatDays,
    // Only a round an administrator changed carries these (so the usual answer stays as it was).
    ...(round.closedEarlyAt != null ? { closedEarlyAt: new Date(round.closedEarlyAt).toISOString() } : {}),
    ...(round.cancelledAt != null ? { cancelledAt: new Date(round.cancelledAt).toISOString() } : {}),
    ...(round.changeReason != null ? { reason: round.changeReason } : {}),
  };
}
