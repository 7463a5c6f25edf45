import { startPeriodicJob } from './periodic-job';

describe('startPeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once after firstAfterMs, then every everyMs; a failure is reported and the next tick still runs; stop ends it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = startPeriodicJob(
      async () => {
        calls += 1;
        if (calls === 2) throw new Error('store down');
      },
      (err) => errors.push(err),
      { firstAfterMs: 100, everyMs: 1_000 },
    );
    await jest.advanceTimersByTimeAsync(99);
    expect(calls).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(900);
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('store down')]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(3);
    job.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(3);
  });
});
