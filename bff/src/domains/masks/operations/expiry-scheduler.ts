import type { Logger } from '../../../core/create-logger';
import { runDueExpiries, type ExpiryDeps } from './expire-round';

export interface ExpiryScheduler {
  stop(): void;
}

/**
 * Expires rounds whose pickup window has ended, once a minute. Safe in every process at once:
 * each expiry is claimed through mask_rounds.expired_at, so only one process does the work.
 */
export function startExpiryScheduler(deps: ExpiryDeps, logger: Logger, now: () => number, everyMs = 60_000): ExpiryScheduler {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const outcome = await runDueExpiries(deps, now());
      if (outcome.expired.length > 0) logger.info({ rounds: outcome.expired.map((e) => e.roundId) }, 'expired rounds and rolled units over');
    } catch (err) {
      logger.error({ err: String(err) }, 'expiry run failed; retrying at the next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
