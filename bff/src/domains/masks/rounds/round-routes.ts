import { Router } from '@koa/router';
import { maskRoutes, type CurrentRoundResponse } from '../shared/mask-contract';
import type { RoundService } from './round-service';
import { toMaskRound } from './round-status';

export function roundRoutes(rounds: RoundService, now: () => number): Router {
  const router = new Router();
  router.get(maskRoutes.currentRound.path, async (ctx) => {
    const round = await rounds.current();
    const body: CurrentRoundResponse = { round: round ? toMaskRound(round, now()) : null };
    // Status flips at opening time: clients may cache only briefly.
    ctx.set('Cache-Control', 'public, max-age=1');
    ctx.body = body;
  });
  return router;
}
