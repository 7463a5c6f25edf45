import { AppError } from '../../../core/app-error';
import { RefreshingValue } from '../shared/refreshing-value';
import { pickCurrentRound, roundStatus } from './round-status';
import type { RoundRecord, RoundStore } from './round-store';

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
    const details = round && round.opensAt > now ? { opensAt: new Date(round.opensAt).toISOString() } : undefined;
    return new AppError(409, 'ROUND_NOT_OPEN', 'No booking round is open now', { details });
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
