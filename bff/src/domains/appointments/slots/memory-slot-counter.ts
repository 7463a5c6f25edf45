import { slotKeyOf, type SlotCounter, type SlotRef, type TakeResult } from './slot-counter';

interface Counter {
  holders: Set<string>;
  expiresAt: number;
}

/**
 * The in-process twin of RedisSlotCounter for the embedded default (one BFF process): the same
 * decisions, each in one synchronous step (no await between check and write).
 */
export class MemorySlotCounter implements SlotCounter {
  private readonly slots = new Map<string, Counter>();

  constructor(private readonly clock: () => number = Date.now) {}

  private counterOf(slot: SlotRef): Counter | undefined {
    const key = slotKeyOf(slot);
    const c = this.slots.get(key);
    if (c && c.expiresAt <= this.clock()) {
      this.slots.delete(key);
      return undefined;
    }
    return c;
  }

  take(slot: SlotRef, personId: string, capacity: number): Promise<TakeResult> {
    const c = this.counterOf(slot);
    if (!c) return Promise.resolve({ ok: false, reason: 'not_loaded' });
    if (c.holders.has(personId)) return Promise.resolve({ ok: false, reason: 'held' });
    if (c.holders.size >= capacity) return Promise.resolve({ ok: false, reason: 'full' });
    c.holders.add(personId);
    return Promise.resolve({ ok: true, taken: c.holders.size });
  }

  release(slot: SlotRef, personId: string): Promise<boolean> {
    return Promise.resolve(this.counterOf(slot)?.holders.delete(personId) ?? false);
  }

  handOver(slot: SlotRef, fromPersonId: string, toPersonId: string): Promise<boolean> {
    const c = this.counterOf(slot);
    if (!c) return Promise.resolve(false);
    c.holders.delete(fromPersonId);
    c.holders.add(toPersonId);
    return Promise.resolve(true);
  }

  load(slot: SlotRef, holders: readonly string[], ttlMs: number): Promise<boolean> {
    if (this.counterOf(slot)) return Promise.resolve(false);
    this.slots.set(slotKeyOf(slot), { holders: new Set(holders), expiresAt: this.clock() + ttlMs });
    return Promise.resolve(true);
  }

  holders(slot: SlotRef): Promise<string[] | null> {
    const c = this.counterOf(slot);
    return Promise.resolve(c ? [...c.holders] : null);
  }

  taken(slot: SlotRef): Promise<number | null> {
    return Promise.resolve(this.counterOf(slot)?.holders.size ?? null);
  }
}
