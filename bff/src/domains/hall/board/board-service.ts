import type { BoardCall, BoardView } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import type { QueueReader } from '../queue/queue-reader';
import type { StoredCall } from '../queue/ticket-record';
import type { HallDirectory } from '../registry/hall-directory';

const boardCall = (c: StoredCall): BoardCall => ({ callId: c.callId, number: c.number, windowNumber: c.windowNumber, windowName: c.windowName, serviceName: c.serviceName, calledAt: c.calledAt, recall: c.recall });

/** The display board (大屏), from the hot store only: any process, before or after a restart, shows the same. */
export class BoardService {
  constructor(
    private readonly directory: HallDirectory,
    private readonly reader: QueueReader,
    private readonly now: () => number,
  ) {}

  async board(hallId: string): Promise<{ board: BoardView; version: number }> {
    const snap = await this.directory.snapshot(hallId);
    if (!snap) throw new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
    const q = await this.reader.view(snap, chinaDateOf(this.now()));
    const nowCalling = [...q.holding.values()].sort((a, b) => a.windowNumber - b.windowNumber).map(boardCall);
    return {
      version: q.version,
      board: {
        hallId,
        hallName: snap.hall.name,
        nowCalling,
        recentCalls: q.state.calls.slice(0, 10).map(boardCall),
        waiting: snap.services.map((s) => ({ serviceId: s.id, serviceName: s.name, ticketPrefix: s.ticketPrefix, waiting: q.order.get(s.id)?.length ?? 0 })),
        generatedAt: new Date(this.now()).toISOString(),
      },
    };
  }
}
