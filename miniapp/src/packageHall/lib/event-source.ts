import type { EventSourceLike } from './board-feed';

/** Mini-program runtimes have no EventSource: the board polls. */
export function eventSourceFactory(_url: string): (() => EventSourceLike) | null {
  return null;
}
