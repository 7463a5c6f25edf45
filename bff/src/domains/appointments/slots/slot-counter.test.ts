import { readLuaScripts } from '../../../infra/hot-store/load-lua-commands';
import { appointmentSlotKeys, hashTagOf } from '../../../infra/hot-store/keys';
import { MemorySlotCounter } from './memory-slot-counter';
import { APPOINTMENT_LUA_DIR } from './redis-slot-counter';

const slot = { hallId: 'h1', serviceId: 's1', date: '2026-12-08', startMinute: 600 };

describe('slot counters', () => {
  it('the Lua scripts carry their headers and take the slot’s two keys, which share one tag', () => {
    // The arrival index's script (arrival-index.ts) sits beside them with its own keys.
    const scripts = readLuaScripts(APPOINTMENT_LUA_DIR).filter((s) => s.name !== 'gpCompleteArrivalIndex');
    expect(scripts.map((s) => s.name)).toEqual(['gpHandOverPlace', 'gpLoadSlot', 'gpReleasePlace', 'gpTakePlace']);
    expect(scripts.every((s) => s.numberOfKeys === 2)).toBe(true);
    const keys = appointmentSlotKeys('h1', 's1', '2026-12-08', 600);
    expect(hashTagOf(keys.taken)).toBe(hashTagOf(keys.holders));
    expect(hashTagOf(keys.taken)).not.toBe(hashTagOf(appointmentSlotKeys('h1', 's1', '2026-12-08', 630).taken));
  });

  it('in process: not loaded → load → take up to capacity, one place per person; release and hand over', async () => {
    let now = 0;
    const c = new MemorySlotCounter(() => now);
    expect(await c.take(slot, 'p1', 2)).toEqual({ ok: false, reason: 'not_loaded' });
    expect(await c.load(slot, ['p0'], 1000)).toBe(true);
    expect(await c.load(slot, [], 1000)).toBe(false);
    expect(await c.take(slot, 'p0', 2)).toEqual({ ok: false, reason: 'held' });
    expect(await c.take(slot, 'p1', 2)).toEqual({ ok: true, taken: 2 });
    expect(await c.take(slot, 'p2', 2)).toEqual({ ok: false, reason: 'full' });
    expect(await c.handOver(slot, 'p1', 'p2')).toBe(true);
    expect(await c.taken(slot)).toBe(2);
    expect(await c.release(slot, 'p1')).toBe(false);
    expect(await c.release(slot, 'p2')).toBe(true);
    expect(await c.taken(slot)).toBe(1);
    now = 1000;
    expect(await c.taken(slot)).toBeNull();
  });
});
