export interface PeriodicJob {
  stop(): void;
}

export interface PeriodicJobTiming {
  /** First run this long after start: not during the start-up burst, yet soon after a restart. */
  firstAfterMs: number;
  everyMs: number;
}

/**
 * Runs `run` once after `firstAfterMs` and then every `everyMs` in this process (retention purges
 * and the like). Timers are unref'd so a job never keeps a process alive; a failure goes to
 * `onError` and the next tick runs as planned.
 */
export function startPeriodicJob(run: () => Promise<unknown>, onError: (err: unknown) => void, timing: PeriodicJobTiming): PeriodicJob {
  const tick = () => void run().catch(onError);
  const first = setTimeout(tick, timing.firstAfterMs);
  const timer = setInterval(tick, timing.everyMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
