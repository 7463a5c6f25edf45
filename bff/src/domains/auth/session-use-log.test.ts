import { LAST_USED_RESOLUTION_MS, SessionUseLog } from './session-use-log';
import type { SessionTouch } from './session-listing';

function setup(settings = { flushAfterMs: 60_000, flushAt: 500, rememberMax: 1_000 }) {
  let now = 1_700_000_000_000;
  const batches: SessionTouch[][] = [];
  const errors: unknown[] = [];
  let failNext = false;
  const listing = {
    touchMany: async (t: readonly SessionTouch[]) => {
      if (failNext) {
        failNext = false;
        throw new Error('MySQL away');
      }
      batches.push([...t]);
    },
  };
  const log = new SessionUseLog(listing, () => now, (e) => errors.push(e), settings);
  return {
    log,
    batches,
    errors,
    advance: (ms: number) => (now += ms),
    at: () => now,
    failOnce: () => (failNext = true),
  };
}

describe('SessionUseLog', () => {
  it('writes a session at most once a minute, and again once the minute is over', async () => {
    const s = setup();
    const start = s.at();
    s.log.used('a', '203.0.113.9');
    s.advance(LAST_USED_RESOLUTION_MS - 1);
    s.log.used('a', '203.0.113.9');
    await s.log.flush();
    expect(s.batches).toEqual([[{ id: 'a', at: start, ipMasked: '203.0.113.*' }]]);
    s.advance(1);
    s.log.used('a', '198.51.100.7');
    await s.log.flush();
    expect(s.batches[1]).toEqual([{ id: 'a', at: start + LAST_USED_RESOLUTION_MS, ipMasked: '198.51.100.*' }]);
  });

  it('remembers a use across a generation change (a use just before the minute turns is not written twice)', async () => {
    const s = setup();
    s.log.used('warm', '::1'); // opens the generation
    s.advance(LAST_USED_RESOLUTION_MS - 10);
    s.log.used('a', '::1');
    s.advance(20); // the generation turns: 'a' is 20 ms old
    s.log.used('b', '::1');
    s.log.used('a', '::1');
    s.advance(LAST_USED_RESOLUTION_MS - 30); // 'a' 59.99 s old, two turns would have dropped it
    s.log.used('a', '::1');
    await s.log.flush();
    expect(s.batches.flat().map((t) => t.id)).toEqual(['warm', 'a', 'b']);
    s.advance(10 * LAST_USED_RESOLUTION_MS); // long idle: everything is due again
    s.log.used('a', '::1');
    await s.log.flush();
    expect(s.batches.at(-1)?.map((t) => t.id)).toEqual(['a']);
  });

  it('a login just written is not written again by its first requests', async () => {
    const s = setup();
    s.log.written('fresh', s.at());
    s.advance(5_000);
    s.log.used('fresh', '::1');
    await s.log.flush();
    expect(s.batches).toEqual([]);
  });

  it('batches many sessions into one write, and writes at once when flushAt are waiting', async () => {
    const s = setup({ flushAfterMs: 60_000, flushAt: 3, rememberMax: 1_000 });
    s.log.used('a', '::1');
    s.log.used('b', '::1');
    expect(s.batches).toHaveLength(0);
    s.log.used('c', '::1');
    await s.log.flush();
    expect(s.batches).toEqual([[expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' }), expect.objectContaining({ id: 'c' })]]);
  });

  it('writes by itself after flushAfterMs', async () => {
    const s = setup({ flushAfterMs: 20, flushAt: 500, rememberMax: 1_000 });
    s.log.used('a', '::1');
    await new Promise((r) => setTimeout(r, 80));
    expect(s.batches).toEqual([[expect.objectContaining({ id: 'a' })]]);
  });

  it('past rememberMax a use is still written (merged per batch), only not skipped', async () => {
    const s = setup({ flushAfterMs: 60_000, flushAt: 500, rememberMax: 2 });
    for (const id of ['a', 'b', 'c', 'c', 'c']) s.log.used(id, '::1');
    await s.log.flush();
    expect(s.batches).toEqual([[expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' }), expect.objectContaining({ id: 'c' })]]);
    s.log.used('c', '::1');
    s.log.used('a', '::1');
    await s.log.flush();
    expect(s.batches[1].map((t) => t.id)).toEqual(['c']);
  });

  it('a refused write is reported, never thrown, and the next batch is written', async () => {
    const s = setup();
    s.failOnce();
    s.log.used('a', '::1');
    await expect(s.log.flush()).resolves.toBeUndefined();
    expect(s.errors).toHaveLength(1);
    s.log.used('b', '::1');
    await s.log.close();
    expect(s.batches).toEqual([[expect.objectContaining({ id: 'b' })]]);
  });

  it('ignores requests without a listed session', async () => {
    const s = setup();
    s.log.used(undefined, '::1');
    await s.log.flush();
    expect(s.batches).toEqual([]);
  });
});
