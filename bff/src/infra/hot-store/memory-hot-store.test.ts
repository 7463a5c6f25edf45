import { describeHotStoreContract } from './hot-store-contract';
import { MemoryHotStore } from './memory-hot-store';
import { counterKey, rateLimitKey, sessionKey } from './keys';

describeHotStoreContract('MemoryHotStore', async () => {
  const store = new MemoryHotStore();
  return { store, cleanup: () => store.close() };
});

describe('MemoryHotStore with an injected clock', () => {
  let t: number;
  let store: MemoryHotStore;

  beforeEach(() => {
    t = 1_000_000;
    store = new MemoryHotStore({ now: () => t, sweepIntervalMs: 0 });
  });

  afterEach(() => store.close());

  it('expires exactly at the deadline, not a millisecond later', async () => {
    await store.set(sessionKey('s'), 'x', 1000);
    t += 999;
    expect(await store.get(sessionKey('s'))).toBe('x');
    expect(await store.ttlMs(sessionKey('s'))).toBe(1);
    t += 1;
    expect(await store.get(sessionKey('s'))).toBeNull();
  });

  it('drops an expired entry when it is read (lazy expiry)', async () => {
    await store.set(sessionKey('s'), 'x', 10);
    t += 10;
    expect(store.size).toBe(1);
    await store.ttlMs(sessionKey('s'));
    expect(store.size).toBe(0);
  });

  it('sweep frees expired entries nobody reads, and keeps the rest', async () => {
    await store.set(sessionKey('a'), 'x', 10);
    await store.set(sessionKey('b'), 'x', 1000);
    await store.set(sessionKey('c'), 'x');
    t += 500;
    store.sweep();
    expect(store.size).toBe(2);
    expect(await store.get(sessionKey('b'))).toBe('x');
    expect(await store.get(sessionKey('c'))).toBe('x');
  });

  it('rate-limit window resets on the clock and reports resetMs from it', async () => {
    const k = rateLimitKey('login-ip', '1.2.3.4');
    expect(await store.hitRateLimit(k, 1, 60_000)).toEqual({ allowed: true, remaining: 0, resetMs: 60_000 });
    t += 59_000;
    expect(await store.hitRateLimit(k, 1, 60_000)).toEqual({ allowed: false, remaining: 0, resetMs: 1000 });
    t += 1000;
    expect(await store.hitRateLimit(k, 1, 60_000)).toEqual({ allowed: true, remaining: 0, resetMs: 60_000 });
  });

  it('counter keeps its creation expiry across increments', async () => {
    const k = counterKey('c');
    await store.incrBy(k, 1, 1000);
    t += 600;
    await store.incrBy(k, 1, 1000);
    expect(await store.ttlMs(k)).toBe(400);
    t += 400;
    expect(await store.get(k)).toBeNull();
  });
});

describe('MemoryHotStore sweep timer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs periodically without holding the process open, and stops on close', async () => {
    const setInterval = jest.spyOn(global, 'setInterval');
    let t = 0;
    const store = new MemoryHotStore({ now: () => t, sweepIntervalMs: 1000 });
    const timer = setInterval.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await store.set(sessionKey('a'), 'x', 10);
    t = 20;
    jest.advanceTimersByTime(1000);
    expect(store.size).toBe(0);
    await store.close();
    expect(jest.getTimerCount()).toBe(0);
    setInterval.mockRestore();
  });
});
