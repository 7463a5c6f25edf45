import { PassThrough } from 'node:stream';
import { Router } from '@koa/router';
import { hallRoutes as routes } from '@govpass/shared-types';
import { parseParams } from '../../../core/validate';
import type { BoardService } from './board-service';
import type { BoardStreams } from './board-streams';

/** The display board: a JSON read and its server-sent event stream (public: numbers and windows only). */
export function boardRoutes(boards: BoardService, streams: BoardStreams): Router {
  const router = new Router();
  router.get(routes.board.path, async (ctx) => {
    const { hallId } = parseParams(routes.board.params, ctx.params);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = (await boards.board(hallId)).board;
  });
  router.get(routes.boardEvents.path, async (ctx) => {
    const { hallId } = parseParams(routes.boardEvents.params, ctx.params);
    const stream = new PassThrough();
    await streams.add(hallId, stream);
    ctx.req.socket.setTimeout(0);
    ctx.req.on('close', () => stream.end());
    ctx.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    ctx.status = 200;
    ctx.body = stream;
  });
  return router;
}
