import type { EventSourceLike } from './board-feed';

/** The browser's EventSource for the board's stream, or null where there is none. */
export function eventSourceFactory(url: string): (() => EventSourceLike) | null {
  if (typeof EventSource === 'undefined') return null;
  return () => new EventSource(url) as unknown as EventSourceLike;
}
