/**
 * The places of one slot, counted where concurrent bookings meet: Redis (standalone or Cluster,
 * one hash tag per slot) or, in the embedded default, this process. MySQL stays the durable
 * truth; `load` refills a counter from it whenever the counter is missing.
 */
export interface SlotRef {
  hallId: string;
  serviceId: string;
  date: string;
  startMinute: number;
}

export type TakeResult = { ok: true; taken: number } | { ok: false; reason: 'full' | 'held' | 'not_loaded' };

export interface SlotCounter {
  take(slot: SlotRef, personId: string, capacity: number): Promise<TakeResult>;
  /** Gives the person's place back; false when they held none. */
  release(slot: SlotRef, personId: string): Promise<boolean>;
  /** Passes a place from one person to another, the count unchanged; false when not loaded. */
  handOver(slot: SlotRef, fromPersonId: string, toPersonId: string): Promise<boolean>;
  /** Loads the holders MySQL knows, only when the counter is absent; true when it loaded. */
  load(slot: SlotRef, holders: readonly string[], ttlMs: number): Promise<boolean>;
  /** The persons holding places, or null when not loaded. */
  holders(slot: SlotRef): Promise<string[] | null>;
  /** Places taken, or null when not loaded. */
  taken(slot: SlotRef): Promise<number | null>;
}

export function slotKeyOf(slot: SlotRef): string {
  return `${slot.hallId}|${slot.serviceId}|${slot.date}|${slot.startMinute}`;
}
