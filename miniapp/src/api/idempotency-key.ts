/**
 * Idempotency keys for bookings (header `Idempotency-Key`, 8–64 of [A-Za-z0-9_-]).
 *
 * One key stands for one user intent — "book at pharmacy P for person Q" — and is sent again,
 * unchanged, when the same tap is retried (timeout, lost answer, 5xx): the BFF then answers with
 * the booking it already made instead of making (or refusing) a second one. A new intent (another
 * person, another pharmacy) or a booking that went through gets a new key.
 *
 * Built from Date.now() and Math.random() only: mini-program runtimes guarantee neither `crypto`
 * nor Node's APIs. These are not secret tokens — the BFF keys idempotency records per person — so
 * all they need is to be unique among one person's attempts: a millisecond timestamp plus 16
 * base-36 random characters (~82 bits) is plenty.
 */

const RANDOM_CHARS = 16;

export function newIdempotencyKey(now: () => number = Date.now, random: () => number = Math.random): string {
  let suffix = '';
  while (suffix.length < RANDOM_CHARS) {
    suffix += Math.floor(random() * 36)
      .toString(36)
      .slice(-1);
  }
  return `${now().toString(36)}-${suffix}`;
}

/** Holds the key of the current intent; the same intent keeps its key until `settle()`. */
export class IntentKeys {
  private intent: string | null = null;
  private key = '';

  constructor(private readonly generate: () => string = () => newIdempotencyKey()) {}

  /** The key for this intent: the previous one when the intent is unchanged (a retry), else a new one. */
  keyFor(intent: string): string {
    if (intent !== this.intent) {
      this.intent = intent;
      this.key = this.generate();
    }
    return this.key;
  }

  /** The intent was carried out (or the server refused the key): the next tap starts afresh. */
  settle(): void {
    this.intent = null;
  }
}
