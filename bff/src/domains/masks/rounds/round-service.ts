import { AppError } from '../../../core/app-error';
import { RefreshingValue } from '../shared/refreshing-value';
import { pickCurrentRound, roundStatus } from './round-status';
import type { RoundRecord, RoundStore } from './round-store';

/**
 * Before opening: when it opens. After the window closed (at its end, closed early or cancelled):
 * when it closed and when the next round opens (null when none is planned yet).
 */
function refusalDetails(round: RoundRecord | null, candidates: RoundRecord[], now: number): Record<string, string | null> | undefined {
  if (round && round.cancelledAt == null && round.opensAt > now) return { opensAt: new Date(round.opensAt).toISOString() };
  // A cancelled round is no longer current, but it is the one the person just missed.
  const endOf = (r: RoundRecord) => (r.cancelledAt != null ? Math.min(r.cancelledAt, r.closesAt) : r.closesAt);
  const last = [...(round ? [round] : []), ...candidates].filter((r) => endOf(r) <= now).sort((a, b) => endOf(b) - endOf(a))[0];
  if (!last) return undefined;
  const next = candidates.filter((r) => r.cancelledAt == null && r.opensAt > now).sort((a, b) => a.opensAt - b.opensAt)[0];
  return { closedAt: new Date(endOf(last)).toISOString(), nextOpensAt: next ? new Date(next.opensAt).toISOString() : null };
}

/** Closed rounds stay candidates this long, so "pick up tomorrow" keeps showing after closing. */
const CLOSED_LOOKBACK_MS = 3 * 86_400_000;

/**
 * Which round is current, and whether it is open. Answered from a ≤1 s in-process copy of the
 * few candidate rounds, so the surge of taps before opening time is refused with ROUND_NOT_OPEN
 * without touching Redis or MySQL; the status itself is computed from the clock on every call.
 */
export class RoundService {
  private readonly candidates: RefreshingValue<RoundRecord[]>;

  constructor(
    private readonly store: RoundStore,
    private readonly now: () => number,
    cacheMs = 1000,
  ) {
    this.candidates = new RefreshingValue(() => this.store.closingAfter(this.now() - CLOSED_LOOKBACK_MS), cacheMs, now);
  }

  async current(): Promise<RoundRecord | null> {
    return pickCurrentRound(await this.candidates.get(), this.now());
  }

  /** The round taking bookings now, or 409 ROUND_NOT_OPEN (naming when the next one opens). */
  async requireOpen(): Promise<RoundRecord> {
    const open = this.openOrRefusal(await this.current());
    if (open instanceof AppError) throw open;
    return open;
  }

  /**
   * requireOpen from the in-process copy only, without waiting: the open round, its refusal, or
   * undefined when the copy is stale (the caller then takes the way that may wait).
   */
  peekOpen(): RoundRecord | AppError | undefined {
    const candidates = this.candidates.peek();
    return candidates === undefined ? undefined : this.openOrRefusal(pickCurrentRound(candidates, this.now()));
  }

  private openOrRefusal(round: RoundRecord | null): RoundRecord | AppError {
    const now = this.now();
    if (round && roundStatus(round, now) === 'open') return round;
    return new AppError(409, 'ROUND_NOT_OPEN', 'No booking round is open now', { details: refusalDetails(round, this.candidates.peek() ?? [], now) });
  }

  async findById(id: string): Promise<RoundRecord | null> {
    const cached = (await this.candidates.get()).find((r) => r.id === id);
    return cached ?? this.store.findById(id);
  }

  isOpen(round: RoundRecord): boolean {
    return roundStatus(round, this.now()) === 'open';
  }

  /** After an admin change in this process; other processes catch up within the cache time. */
  invalidate(): void {
    this.candidates.invalidate();
  }
}
