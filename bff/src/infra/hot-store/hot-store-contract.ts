import type { HotStore } from './hot-store';
import { counterKey, idempotencyKey, rateLimitKey, sessionKey } from './keys';

export interface HotStoreUnderTest {
  store: HotStore;
  /** Removes what the store wrote and releases it; must work after store.close() too. */
  cleanup: () => Promise<void>;
}

/**
 * Each call must return a store isolated from every other one it returned (a fresh key prefix on
 * a shared server, or a fresh instance): the suite relies on it, and tests it.
 */
export type MakeHotStore = () => Promise<HotStoreUnderTest>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Short enough to keep the suite fast, long enough to outlast a busy event loop between calls. */
const SHORT_TTL_MS = 150;
const AFTER_SHORT_TTL_MS = 400;

/**
 * One set of behaviours every HotStore implementation must show; run it from each
 * implementation's test file. Expiry is tested in real time (the same way for all).
 */
export function describeHotStoreContract(name: string, makeStore: MakeHotStore): void {
  describe(`HotStore contract: ${name}`, () => {
    let sut: HotStoreUnderTest | undefined;
    let store: HotStore;
    const extra: HotStoreUnderTest[] = [];

    beforeEach(async () => {
      sut = undefined;
      sut = await makeStore();
      store = sut.store;
    });

    afterEach(async () => {
      for (const s of extra.splice(0)) await s.cleanup();
      await sut?.cleanup();
    });

    describe('get / set / del', () => {
      it('returns null for a key never set', async () => {
        expect(await store.get(sessionKey('never'))).toBeNull();
      });

      it('reads back what was set, overwrites, and deletes', async () => {
        const k = sessionKey('abc');
        await store.set(k, 'one');
        expect(await store.get(k)).toBe('one');
        await store.set(k, 'two');
        expect(await store.get(k)).toBe('two');
        await store.del(k);
        expect(await store.get(k)).toBeNull();
      });

      it('keeps values byte for byte (unicode, JSON, empty string)', async () => {
        const values = ['', '护照 🛂', JSON.stringify({ a: [1, 'x'], b: null })];
        for (const [i, v] of values.entries()) {
          await store.set(counterKey(`v${i}`), v);
          expect(await store.get(counterKey(`v${i}`))).toBe(v);
        }
      });

      it('deleting an absent key is not an error', async () => {
        await expect(store.del(sessionKey('ghost'))).resolves.toBeUndefined();
      });
    });

    describe('ttl and expiry', () => {
      it('reports -2 for an absent key and -1 for a key without expiry', async () => {
        expect(await store.ttlMs(sessionKey('absent'))).toBe(-2);
        await store.set(sessionKey('forever'), 'x');
        expect(await store.ttlMs(sessionKey('forever'))).toBe(-1);
      });

      it('reports the remaining time of a key with expiry', async () => {
        await store.set(sessionKey('s'), 'x', 60_000);
        const ttl = await store.ttlMs(sessionKey('s'));
        expect(ttl).toBeGreaterThan(55_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
      });

      it('forgets a value once its ttl has passed', async () => {
        const k = sessionKey('short');
        await store.set(k, 'x', SHORT_TTL_MS);
        expect(await store.get(k)).toBe('x');
        await sleep(AFTER_SHORT_TTL_MS);
        expect(await store.get(k)).toBeNull();
        expect(await store.ttlMs(k)).toBe(-2);
      });

      it('set without ttl clears an earlier expiry (as Redis SET does)', async () => {
        const k = sessionKey('k');
        await store.set(k, 'x', 60_000);
        await store.set(k, 'y');
        expect(await store.ttlMs(k)).toBe(-1);
      });

      it.each([0, -5, 1.5, Number.NaN])('refuses ttlMs %p with a RangeError', async (ttl) => {
        await expect(store.set(sessionKey('bad'), 'x', ttl)).rejects.toThrow(RangeError);
        await expect(store.setIfAbsent(sessionKey('bad'), 'x', ttl)).rejects.toThrow(RangeError);
        await expect(store.incrBy(counterKey('bad'), 1, ttl)).rejects.toThrow(RangeError);
        expect(await store.get(sessionKey('bad'))).toBeNull();
      });
    });

    describe('setIfAbsent', () => {
      it('sets only when absent and keeps the first value', async () => {
        const k = idempotencyKey('booking', 'acct-1', 'key-1');
        expect(await store.setIfAbsent(k, 'first', 60_000)).toBe(true);
        expect(await store.setIfAbsent(k, 'second', 60_000)).toBe(false);
        expect(await store.get(k)).toBe('first');
        expect(await store.ttlMs(k)).toBeGreaterThan(0);
      });

      it('succeeds again once the earlier value has expired', async () => {
        const k = idempotencyKey('booking', 'acct-1', 'key-2');
        expect(await store.setIfAbsent(k, 'first', SHORT_TTL_MS)).toBe(true);
        await sleep(AFTER_SHORT_TTL_MS);
        expect(await store.setIfAbsent(k, 'second', 60_000)).toBe(true);
        expect(await store.get(k)).toBe('second');
      });

      it('lets exactly one of 200 concurrent callers win', async () => {
        const k = idempotencyKey('booking', 'acct-1', 'race');
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => store.setIfAbsent(k, `caller-${i}`, 60_000)),
        );
        const winners = results.flatMap((won, i) => (won ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(await store.get(k)).toBe(`caller-${winners[0]}`);
      });
    });

    describe('incrBy', () => {
      it('starts from 0 and adds, negative deltas included', async () => {
        const k = counterKey('c');
        expect(await store.incrBy(k, 5)).toBe(5);
        expect(await store.incrBy(k, -7)).toBe(-2);
        expect(await store.get(k)).toBe('-2');
      });

      it('sums exactly under 200 concurrent callers', async () => {
        const k = counterKey('concurrent');
        const deltas = Array.from({ length: 200 }, (_, i) => (i % 3) + 1);
        const results = await Promise.all(deltas.map((d) => store.incrBy(k, d, 60_000)));
        const total = deltas.reduce((a, b) => a + b, 0);
        expect(Number(await store.get(k))).toBe(total);
        expect(Math.max(...results)).toBe(total);
        expect(new Set(results).size).toBe(200);
      });

      it('sets the ttl only when it creates the key', async () => {
        const k = counterKey('ttl');
        await store.incrBy(k, 1, 10_000);
        await store.incrBy(k, 1, 100_000);
        const ttl = await store.ttlMs(k);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(10_000);
      });

      it('does not add a ttl to an existing key without one', async () => {
        const k = counterKey('no-ttl');
        await store.incrBy(k, 1);
        await store.incrBy(k, 1, 10_000);
        expect(await store.ttlMs(k)).toBe(-1);
        expect(await store.get(k)).toBe('2');
      });

      it('starts again from 0 after the counter expired', async () => {
        const k = counterKey('expiring');
        await store.incrBy(k, 3, SHORT_TTL_MS);
        await sleep(AFTER_SHORT_TTL_MS);
        expect(await store.incrBy(k, 1, 60_000)).toBe(1);
      });

      it('fails as a bug (500 INTERNAL) on a key holding a non-integer', async () => {
        const k = counterKey('text');
        await store.set(k, 'not a number');
        await expect(store.incrBy(k, 1)).rejects.toMatchObject({ status: 500, code: 'INTERNAL' });
        expect(await store.get(k)).toBe('not a number');
      });

      it('refuses a non-integer delta', async () => {
        await expect(store.incrBy(counterKey('c'), 0.5)).rejects.toThrow(RangeError);
      });
    });

    describe('hitRateLimit', () => {
      it('counts down remaining hits and refuses past the limit', async () => {
        const k = rateLimitKey('login-ip', '203.0.113.7');
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await store.hitRateLimit(k, 3, 60_000));
        expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
          [true, 2],
          [true, 1],
          [true, 0],
          [false, 0],
        ]);
        for (const r of results) {
          expect(r.resetMs).toBeGreaterThan(55_000);
          expect(r.resetMs).toBeLessThanOrEqual(60_000);
        }
      });

      it('allows exactly `limit` of 100 concurrent hits', async () => {
        const k = rateLimitKey('login-ip', '198.51.100.1');
        const results = await Promise.all(Array.from({ length: 100 }, () => store.hitRateLimit(k, 7, 60_000)));
        expect(results.filter((r) => r.allowed)).toHaveLength(7);
        const remaining = results.filter((r) => r.allowed).map((r) => r.remaining);
        expect(remaining.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      });

      it('does not extend the window on later hits', async () => {
        const k = rateLimitKey('identity', 'acct-9');
        const first = await store.hitRateLimit(k, 10, 60_000);
        await sleep(30);
        const second = await store.hitRateLimit(k, 10, 60_000);
        expect(second.resetMs).toBeLessThan(first.resetMs);
      });

      it('starts a new window once the old one has passed', async () => {
        const k = rateLimitKey('login-ip', '192.0.2.1');
        await store.hitRateLimit(k, 2, SHORT_TTL_MS);
        await store.hitRateLimit(k, 2, SHORT_TTL_MS);
        expect((await store.hitRateLimit(k, 2, SHORT_TTL_MS)).allowed).toBe(false);
        await sleep(AFTER_SHORT_TTL_MS);
        expect(await store.hitRateLimit(k, 2, SHORT_TTL_MS)).toMatchObject({ allowed: true, remaining: 1 });
      });

      it('keeps subjects apart', async () => {
        await store.hitRateLimit(rateLimitKey('login-ip', 'a'), 1, 60_000);
        expect((await store.hitRateLimit(rateLimitKey('login-ip', 'b'), 1, 60_000)).allowed).toBe(true);
        expect((await store.hitRateLimit(rateLimitKey('login-ip', 'a'), 1, 60_000)).allowed).toBe(false);
      });

      it.each([
        [0, 1000],
        [5, 0],
        [1.5, 1000],
      ])('refuses limit %p / window %p with a RangeError', async (limit, windowMs) => {
        await expect(store.hitRateLimit(rateLimitKey('x', 'y'), limit, windowMs)).rejects.toThrow(RangeError);
      });
    });

    describe('isolation', () => {
      it('two stores (different prefixes) do not see each other’s keys', async () => {
        const other = await makeStore();
        extra.push(other);
        const k = sessionKey('shared-name');
        await store.set(k, 'mine');
        await other.store.set(k, 'theirs');
        await other.store.incrBy(counterKey('n'), 5);
        expect(await store.get(k)).toBe('mine');
        expect(await other.store.get(k)).toBe('theirs');
        expect(await store.get(counterKey('n'))).toBeNull();
        await store.del(k);
        expect(await other.store.get(k)).toBe('theirs');
      });
    });

    describe('ping and close', () => {
      it('pings true while open', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('fails every operation clearly after close (503 STORE_UNAVAILABLE, "closed")', async () => {
        await store.close();
        const closed = { status: 503, code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/closed/i) as unknown };
        await expect(store.get(sessionKey('a'))).rejects.toMatchObject(closed);
        await expect(store.set(sessionKey('a'), 'x')).rejects.toMatchObject(closed);
        await expect(store.setIfAbsent(sessionKey('a'), 'x', 1000)).rejects.toMatchObject(closed);
        await expect(store.del(sessionKey('a'))).rejects.toMatchObject(closed);
        await expect(store.ttlMs(sessionKey('a'))).rejects.toMatchObject(closed);
        await expect(store.incrBy(counterKey('a'), 1)).rejects.toMatchObject(closed);
        await expect(store.hitRateLimit(rateLimitKey('a', 'b'), 1, 1000)).rejects.toMatchObject(closed);
        expect(await store.ping()).toBe(false);
      });

      it('close is idempotent', async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });
  });
}
