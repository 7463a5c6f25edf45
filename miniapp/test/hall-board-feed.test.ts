import { startBoardFeed, type EventSourceLike, type FeedMode } from '../src/packageHall/lib/board-feed';

class FakeSource implements EventSourceLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, (event: { data: string }) => void>();
  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function setup(opts: { stream?: boolean; poll?: () => Promise<number> } = {}) {
  const sources: FakeSource[] = [];
  const boards: number[] = [];
  const modes: FeedMode[] = [];
  let polls = 0;
  const feed = startBoardFeed<number>({
    openStream:
      opts.stream === false
        ? null
        : () => {
            const s = new FakeSource();
            sources.push(s);
            return s;
          },
    eventNames: ['board'],
    parse: (data) => {
      const n = Number(data);
      return Number.isNaN(n) ? null : n;
    },
    poll:
      opts.poll ??
      (() => {
        polls += 1;
        return Promise.resolve(100 + polls);
      }),
    onBoard: (b) => boards.push(b),
    onMode: (m) => modes.push(m),
    pollMs: 3000,
    reconnectMs: [1000, 4000],
  });
  return { feed, sources, boards, modes, polls: () => polls };
}

describe('display board feed (SSE with reconnect, polling fallback)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('paints once from a fetch, then follows the stream without polling', async () => {
    const f = setup();
    await flush();
    expect(f.boards).toEqual([101]);
    f.sources[0].onopen?.({});
    f.sources[0].onmessage?.({ data: '7' });
    f.sources[0].listeners.get('board')?.({ data: '8' });
    f.sources[0].onmessage?.({ data: 'not json' });
    jest.advanceTimersByTime(30_000);
    await flush();
    expect(f.boards).toEqual([101, 7, 8]);
    expect(f.polls()).toBe(1);
    expect(f.feed.mode()).toBe('live');
  });

  it('polls while the stream is broken and reopens it with growing delays; live again stops polling', async () => {
    const f = setup();
    await flush();
    f.sources[0].onopen?.({});
    f.sources[0].onerror?.({}); // BFF restarted
    expect(f.sources[0].closed).toBe(true);
    expect(f.feed.mode()).toBe('polling');
    await flush();
    expect(f.boards).toEqual([101, 102]); // polled at once

    jest.advanceTimersByTime(1000);
    expect(f.sources).toHaveLength(2); // first reconnect after 1 s
    f.sources[1].onerror?.({}); // still down
    jest.advanceTimersByTime(3000);
    await flush();
    expect(f.polls()).toBeGreaterThanOrEqual(3); // polling every 3 s meanwhile
    expect(f.sources).toHaveLength(2);
    jest.advanceTimersByTime(1000);
    expect(f.sources).toHaveLength(3); // second reconnect after 4 s

    f.sources[2].onopen?.({});
    expect(f.modes).toEqual(['live', 'polling', 'live']);
    const pollsWhenLive = f.polls();
    jest.advanceTimersByTime(30_000);
    await flush();
    expect(f.polls()).toBe(pollsWhenLive);
    f.sources[2].onmessage?.({ data: '9' });
    expect(f.boards.at(-1)).toBe(9);
  });

  it('ignores events of a stream it has replaced', async () => {
    const f = setup();
    await flush();
    f.sources[0].onerror?.({});
    jest.advanceTimersByTime(1000);
    f.sources[0].onmessage?.({ data: '55' });
    expect(f.boards).not.toContain(55);
  });

  it('only polls where there is no EventSource, and keeps polling after a failed fetch', async () => {
    let n = 0;
    const f = setup({
      stream: false,
      poll: () => {
        n += 1;
        return n === 2 ? Promise.reject(new Error('offline')) : Promise.resolve(n);
      },
    });
    await flush();
    expect(f.feed.mode()).toBe('polling');
    for (let i = 0; i < 3; i += 1) {
      jest.advanceTimersByTime(3000);
      await flush();
    }
    expect(f.boards).toEqual([1, 3, 4]);
  });

  it('stops everything on stop()', async () => {
    const f = setup();
    await flush();
    f.sources[0].onerror?.({});
    f.feed.stop();
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(f.sources).toHaveLength(1);
    expect(f.polls()).toBe(2);
  });
});
