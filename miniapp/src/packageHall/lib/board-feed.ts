/**
 * Keeps the display board current: a server-sent event stream while it works, polling while it
 * does not. A broken stream (BFF restart, proxy timeout) is reopened with a growing delay; until it
 * is back, the board polls, so the screen never freezes on an old call.
 */

/** The part of EventSource the feed uses (the browser's, or a fake in tests). */
export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

export type FeedMode = 'connecting' | 'live' | 'polling';

export interface BoardFeedOptions<T> {
  /** Opens the stream, or null where there is no EventSource (mini-programs): polling only. */
  openStream: (() => EventSourceLike) | null;
  /** Event names that carry a full board as JSON (besides the default `message`). */
  eventNames?: readonly string[];
  /** Parses one event's data; null ignores it. */
  parse: (data: string) => T | null;
  /** Fetches the board once (the polling fallback, and the first paint). */
  poll: () => Promise<T>;
  onBoard: (board: T) => void;
  onMode?: (mode: FeedMode) => void;
  pollMs?: number;
  /** Reconnect delays grow from the first to the last and stay there. */
  reconnectMs?: readonly number[];
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface BoardFeed {
  stop(): void;
  mode(): FeedMode;
}

const DEFAULT_RECONNECT = [1000, 2000, 5000, 10_000, 15_000];

export function startBoardFeed<T>(options: BoardFeedOptions<T>): BoardFeed {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const pollMs = options.pollMs ?? 5000;
  const delays = options.reconnectMs ?? DEFAULT_RECONNECT;
  let stopped = false;
  let stream: EventSourceLike | null = null;
  let failures = 0;
  let reconnectTimer: unknown = null;
  let pollTimer: unknown = null;
  let mode: FeedMode = 'connecting';

  const setMode = (next: FeedMode) => {
    if (next === mode) return;
    mode = next;
    options.onMode?.(next);
  };

  const deliver = (data: string) => {
    if (stopped) return;
    const board = options.parse(data);
    if (board !== null) options.onBoard(board);
  };

  const pollOnce = () => {
    pollTimer = null;
    if (stopped || mode === 'live') return;
    options
      .poll()
      .then((board) => {
        if (!stopped && mode !== 'live') options.onBoard(board);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!stopped && mode !== 'live' && pollTimer === null) pollTimer = setTimer(pollOnce, pollMs);
      });
  };

  const startPolling = () => {
    if (pollTimer === null && !stopped) pollOnce();
  };

  const stopPolling = () => {
    if (pollTimer !== null) clearTimer(pollTimer);
    pollTimer = null;
  };

  const connect = () => {
    reconnectTimer = null;
    if (stopped || !options.openStream) return;
    let source: EventSourceLike;
    try {
      source = options.openStream();
    } catch {
      broken();
      return;
    }
    stream = source;
    source.onopen = () => {
      if (stream !== source) return;
      failures = 0;
      setMode('live');
      stopPolling();
    };
    source.onmessage = (event) => stream === source && deliver(event.data);
    for (const name of options.eventNames ?? []) source.addEventListener(name, (event) => stream === source && deliver(event.data));
    source.onerror = () => {
      if (stream === source) broken();
    };
  };

  /** The stream failed: close it (no browser auto-retry on top of ours), poll, and reopen later. */
  function broken(): void {
    stream?.close();
    stream = null;
    if (stopped) return;
    setMode('polling');
    startPolling();
    const delay = delays[Math.min(failures, delays.length - 1)];
    failures += 1;
    if (reconnectTimer === null) reconnectTimer = setTimer(connect, delay);
  }

  // The first paint comes from one fetch, whether or not the stream opens quickly.
  options
    .poll()
    .then((board) => !stopped && options.onBoard(board))
    .catch(() => undefined);
  if (options.openStream) connect();
  else {
    setMode('polling');
    pollTimer = setTimer(pollOnce, pollMs);
  }

  return {
    stop() {
      stopped = true;
      stream?.close();
      stream = null;
      stopPolling();
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      reconnectTimer = null;
    },
    mode: () => mode,
  };
}
