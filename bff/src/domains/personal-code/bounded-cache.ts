/**
 * A size-bounded in-process map for facts that never change once known (a ref names one person
 * forever): no expiry, and the oldest insertion goes first when full. Cheaper than an LRU on the
 * hot path, and a refilled entry costs one hot-store read.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
