import type { Writable } from 'node:stream';
import type { BoardView } from '@govpass/shared-types';
import type { Logger } from '../../../core/create-logger';
import type { BoardService } from './board-service';

interface HallWatch {
  clients: Set<Writable>;
  timer: NodeJS.Timeout;
  version: number;
  seenCalls: Set<string>;
  beats: number;
}

export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-sent events for the display boards. One watcher per hall per process polls the queue's
 * version (one GET a second) and pushes `call` events for new calls and a `board` event when
 * anything changed. Nothing lives only here: after a restart the browser's EventSource reconnects
 * (retry: 2000) and gets the board from the store.
 */
export class BoardStreams {
  private readonly halls = new Map<string, HallWatch>();

  constructor(
    private readonly boards: BoardService,
    private readonly logger: Logger,
    private readonly pollMs = 1000,
  ) {}

  /** Sends the board now and keeps the client until it goes away. */
  async add(hallId: string, client: Writable): Promise<void> {
    const { board, version } = await this.boards.board(hallId);
    client.write(`retry: 2000\n\n${sseEvent('board', { type: 'board', board })}`);
    let watch = this.halls.get(hallId);
    if (!watch) {
      const w: HallWatch = { clients: new Set(), version, seenCalls: new Set(board.recentCalls.map((c) => c.callId)), beats: 0, timer: setInterval(() => void this.poll(hallId, w), this.pollMs) };
      w.timer.unref();
      this.halls.set(hallId, w);
      watch = w;
    }
    watch.clients.add(client);
    const w = watch;
    client.on('close', () => this.remove(hallId, w, client));
  }

  private remove(hallId: string, watch: HallWatch, client: Writable): void {
    watch.clients.delete(client);
    if (watch.clients.size === 0) {
      clearInterval(watch.timer);
      if (this.halls.get(hallId) === watch) this.halls.delete(hallId);
    }
  }

  private async poll(hallId: string, watch: HallWatch): Promise<void> {
    try {
      const { board, version } = await this.boards.board(hallId);
      watch.beats++;
      if (version === watch.version) {
        if (watch.beats % 15 === 0) this.send(watch, ': ping\n\n');
        return;
      }
      watch.version = version;
      this.send(watch, this.changes(watch, board));
    } catch (err) {
      this.logger.warn({ err: String(err), hallId }, 'board poll failed; clients keep the last board');
    }
  }

  private changes(watch: HallWatch, board: BoardView): string {
    const fresh = board.recentCalls.filter((c) => !watch.seenCalls.has(c.callId)).reverse();
    watch.seenCalls = new Set(board.recentCalls.map((c) => c.callId));
    return fresh.map((call) => sseEvent('call', { type: 'call', call })).join('') + sseEvent('board', { type: 'board', board });
  }

  private send(watch: HallWatch, text: string): void {
    for (const c of watch.clients) c.write(text);
  }

  /** Ends every stream (app shutdown): the browsers reconnect to whichever process answers next. */
  close(): void {
    for (const [, w] of this.halls) {
      clearInterval(w.timer);
      for (const c of w.clients) c.end();
    }
    this.halls.clear();
  }
}
