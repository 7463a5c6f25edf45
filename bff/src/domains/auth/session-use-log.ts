import { maskIp } from './mask-ip';
import type { SessionTouch } from './session-listing';

/** "Last used" is written at most this often per session (a MySQL write per request would be waste). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface SessionUseLogSettings {
  /** A use waits at most this long before it is written (with every other use of that moment). */
  flushAfterMs: number;
  /** So many waiting uses are written at once, without waiting. */
  flushAt: number;
  /** Sessions remembered per generation; past it a use is still written (merged), only not skipped. */
  rememberMax: number;
}

export const DEFAULT_SESSION_USE_LOG: SessionUseLogSettings = { flushAfterMs: 1_000, flushAt: 500, rememberMax: 200_000 };

/**
 * The session listing's "last used" (我的 → 登录设备), written in batches. Every authenticated request
 * reports its session here; at the morning peak that is every personal code and every door scan, by
 * far more distinct sessions than a small LRU holds (the 10,000-entry one this replaces let every
 * request of a 20,000-person benchmark through: one MySQL UPDATE per code shown). Now a session is
 * written at most once a minute, and what is due is written together: one statement per second (or
 * per 500 uses) instead of one per request.
 *
 * What it may lose: up to a second of "last used" times when the process dies (the shutdown writes
 * what is waiting) or when MySQL refuses a batch (logged). The time is informational, shown to the
 * minute, and the next use a minute later writes it again; nothing a citizen was told "yes" to is here.
 *
 * "Recently written" is two generations of a plain Map (cleared wholesale once a minute), not an LRU
 * with a TTL: the check runs on every request and needs no per-entry bookkeeping.
 */
export class SessionUseLog {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private generationAt: number;
  private pending = new Map<string, SessionTouch>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly listing: { touchMany(touches: readonly SessionTouch[]): Promise<void> },
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void,
    private readonly settings: SessionUseLogSettings = DEFAULT_SESSION_USE_LOG,
  ) {
    this.generationAt = now();
  }

  /** The listing row was just written with this time (a login): nothing to write for a minute. */
  written(sessionId: string, at: number): void {
    this.rotate(at);
    this.remember(sessionId, at);
  }

  /** Told of each authenticated request; never throws, never waits. */
  used(sessionId: string | undefined, ip: string): void {
    if (sessionId === undefined) return;
    const now = this.now();
    this.rotate(now);
    const last = this.current.get(sessionId) ?? this.previous.get(sessionId);
    if (last !== undefined && now >= last && now - last < LAST_USED_RESOLUTION_MS) return;
    this.remember(sessionId, now);
    this.pending.set(sessionId, { id: sessionId, at: now, ipMasked: maskIp(ip) });
    if (this.pending.size >= this.settings.flushAt) void this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), this.settings.flushAfterMs);
      this.timer.unref();
    }
  }

  /** Writes what is waiting; resolves once it (and any write before it) is done. Never rejects. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return this.writing;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // One write at a time, in order: a later batch never lands before an earlier one.
    this.writing = this.writing.then(() => this.listing.touchMany(batch)).catch((err: unknown) => {
      this.onError(err);
    });
    return this.writing;
  }

  /** Shutdown: what is waiting is written. */
  close(): Promise<void> {
    return this.flush();
  }

  /** An entry set at t stays in `current` until the next rotation (≤ t + resolution), then in `previous` for another. */
  private rotate(now: number): void {
    if (now >= this.generationAt && now - this.generationAt < LAST_USED_RESOLUTION_MS) return;
    this.previous = now - this.generationAt < 2 * LAST_USED_RESOLUTION_MS && now >= this.generationAt ? this.current : new Map<string, number>();
    this.current = new Map();
    this.generationAt = now;
  }

  private remember(sessionId: string, at: number): void {
    if (this.current.size < this.settings.rememberMax) this.current.set(sessionId, at);
  }
}
