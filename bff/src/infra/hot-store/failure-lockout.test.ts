import { FailureLockout } from './failure-lockout';
import { MemoryHotStore } from './memory-hot-store';

describe('FailureLockout (in-process hot store)', () => {
  it('locks a subject at the limit-th failure within the window, for lockMs, reporting the lock once; others are untouched', async () => {
    const store = new MemoryHotStore();
    const lockout = new FailureLockout(store, 'test-miss', { limit: 3, windowMs: 60_000, lockMs: 300_000 }, () => 1_000);
    const first = await lockout.fail('a');
    const second = await lockout.fail('a');
    expect([first, second]).toEqual([
      { failures: 1, lockedNow: false, lockedUntil: null },
      { failures: 2, lockedNow: false, lockedUntil: null },
    ]);
    expect(await lockout.lockedForMs('a')).toBe(0);
    expect(await lockout.fail('a')).toEqual({ failures: 3, lockedNow: true, lockedUntil: 301_000 });
    expect(await lockout.lockedForMs('a')).toBeGreaterThan(299_000);
    expect(await lockout.lockedForMs('b')).toBe(0);
    expect((await lockout.fail('b')).lockedNow).toBe(false);
    await store.close();
  });
});
