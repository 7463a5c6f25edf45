/**
 * A value recomputed at most every `maxAgeMs`: concurrent readers share one in-flight load, and
 * when a reload fails the last good value keeps being served (a stale list beats an error page
 * during a surge). Only the very first load can throw.
 */
export class RefreshingValue<T> {
  private value: { data: T; loadedAt: number } | null = null;
  private inFlight: Promise<T> | null = null;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async get(): Promise<T> {
    if (this.value && this.now() - this.value.loadedAt < this.maxAgeMs) return this.value.data;
    return this.reload();
  }

  /** The value if it is fresh, without loading: for callers that must not wait (undefined otherwise). */
  peek(): T | undefined {
    return this.value && this.now() - this.value.loadedAt < this.maxAgeMs ? this.value.data : undefined;
  }

  /** Forces the next get() to load (after a local write). */
  invalidate(): void {
    this.generation += 1;
    // Keep the data as the fallback for a failing reload; only its age is forgotten.
    if (this.value) this.value = { data: this.value.data, loadedAt: Number.NEGATIVE_INFINITY };
  }

  private reload(): Promise<T> {
    if (this.inFlight) return this.inFlight;
    const startedAt = this.now();
    const generation = this.generation;
    this.inFlight = this.load()
      .then((data) => {
        // A load that overlapped an invalidate() may predate the write: serve it, but not as fresh.
        this.value = { data, loadedAt: generation === this.generation ? startedAt : Number.NEGATIVE_INFINITY };
        return data;
      })
      .catch((err: unknown) => {
        if (!this.value) throw err;
        this.onError(err);
        // Retry in about a second rather than on every request while the store is down.
        this.value = { data: this.value.data, loadedAt: this.now() - this.maxAgeMs + Math.min(1000, this.maxAgeMs) };
        return this.value.data;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
