/** Every field of one stream entry, by name (`p` for the one-field format). */
export type EntryFields = Readonly<Record<string, string>>;

/** One entry read from a shard. */
export interface StreamEntry {
  shard: number;
  id: string;
  payload: string;
}

/**
 * Where a stream's entries become durable (a MySQL table). `write` must be idempotent: an entry is
 * delivered at least once (again after a crash between the write and the acknowledgement), so a
 * redelivered entry must change nothing (insert-ignore on an id carried in the payload).
 * Throwing leaves the whole batch unacknowledged; it is read again after a back-off. Whatever else
 * must happen before an entry may be forgotten (the masks outbox confirms saga holds and returns
 * refused units) belongs in `write` too: the acknowledgement follows it.
 */
export interface BatchSink<T> {
  /**
   * Entry → record; throw for a malformed entry (it is logged and left pending, never dropped).
   * `payload` is the `p` field ('' when absent); `fields` every field, for a stream whose entries
   * predate the one-field format (the masks outbox: res, hold, rem).
   */
  decode(payload: string, fields: EntryFields): T;
  write(batch: readonly T[]): Promise<void>;
}

export interface StreamLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const SILENT_STREAM_LOGGER: StreamLogger = { warn: () => undefined, error: () => undefined };
