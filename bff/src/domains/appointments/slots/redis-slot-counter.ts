import { join } from 'node:path';
import { appointmentSlotKeys } from '../../../infra/hot-store/keys';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import { loadLuaCommands, runLua } from '../../../infra/hot-store/load-lua-commands';
import { ScriptCode, checkScriptReply } from '../../../infra/hot-store/script-codes';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { SlotCounter, SlotRef, TakeResult } from './slot-counter';

/** take-place.lua → gpTakePlace, …: one script per step, each on one slot's tag. */
export const APPOINTMENT_LUA_DIR = join(__dirname, '../lua');

const keysOf = (s: SlotRef) => {
  const k = appointmentSlotKeys(s.hallId, s.serviceId, s.date, s.startMinute);
  return [k.taken, k.holders];
};

const REFUSALS = new Map<number, 'full' | 'held' | 'not_loaded'>([
  [ScriptCode.SLOT_FULL, 'full'],
  [ScriptCode.SLOT_HELD, 'held'],
  [ScriptCode.SLOT_NOT_LOADED, 'not_loaded'],
]);

/** Slot counters on Redis (standalone or Cluster); every outage is a 503 STORE_UNAVAILABLE. */
export class RedisSlotCounter implements SlotCounter {
  constructor(private readonly client: RedisClient) {
    loadLuaCommands(client, APPOINTMENT_LUA_DIR);
  }

  async take(slot: SlotRef, personId: string, capacity: number): Promise<TakeResult> {
    const reply = await this.run<number>('gpTakePlace', slot, [personId, capacity]);
    const refusal = REFUSALS.get(reply);
    if (refusal) return { ok: false, reason: refusal };
    return { ok: true, taken: checkScriptReply(reply) };
  }

  async release(slot: SlotRef, personId: string): Promise<boolean> {
    return (await this.run<number>('gpReleasePlace', slot, [personId])) === 1;
  }

  async handOver(slot: SlotRef, fromPersonId: string, toPersonId: string): Promise<boolean> {
    return (await this.run<number>('gpHandOverPlace', slot, [fromPersonId, toPersonId])) === 1;
  }

  async load(slot: SlotRef, holders: readonly string[], ttlMs: number): Promise<boolean> {
    return (await this.run<number>('gpLoadSlot', slot, [Math.max(1, Math.round(ttlMs)), ...holders])) === 1;
  }

  async holders(slot: SlotRef): Promise<string[] | null> {
    const [taken, holders] = keysOf(slot);
    try {
      // Two reads of one tag: a pipeline on one node; a missing counter means not loaded.
      const [count, members] = await Promise.all([this.client.get(taken), this.client.smembers(holders)]);
      return count === null ? null : members;
    } catch (err) {
      throw toHotStoreError(err);
    }
  }

  async taken(slot: SlotRef): Promise<number | null> {
    try {
      const value = await this.client.get(keysOf(slot)[0]);
      return value === null ? null : Number(value);
    } catch (err) {
      throw toHotStoreError(err);
    }
  }

  private async run<T>(name: string, slot: SlotRef, args: (string | number)[]): Promise<T> {
    try {
      return await runLua<T>(this.client, name, keysOf(slot), args);
    } catch (err) {
      throw toHotStoreError(err);
    }
  }
}
