import { estimateEta } from './eta-estimator';
import { simulateDay, TYPICAL_DAY } from './eta-simulation';

describe('the ETA range on a simulated hall day', () => {
  const days = [1, 2, 3, 4, 5].map((seed) => simulateDay({ ...TYPICAL_DAY, seed }));

  it('reports its error, and the error is bounded (typical day: 3 windows, ~120 tickets, 10 min service, cv 0.6)', () => {
    // Printed so that a change to the estimator shows its effect in the test output.
    console.log(`ETA on 5 simulated days: ${JSON.stringify(days)}`);
    for (const d of days) {
      expect(d.tickets).toBeGreaterThan(90);
      expect(d.meanAbsErrorMin).toBeLessThanOrEqual(5);
      expect(d.p90AbsErrorMin).toBeLessThanOrEqual(10);
      // The "at worst" end of the range holds for about nine in ten.
      expect(d.withinP90Share).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('stays bounded on a busy day (queue near capacity)', () => {
    const busy = simulateDay({ ...TYPICAL_DAY, arrivalsPerMinute: 0.29 });
    expect(busy.meanWaitMin).toBeGreaterThan(10);
    expect(busy.p90AbsErrorMin).toBeLessThanOrEqual(20);
    expect(busy.withinP90Share).toBeGreaterThanOrEqual(0.8);
  });

  it('uses the expected duration until five calls are measured, then the measured times', () => {
    expect(estimateEta({ position: 4, openWindows: 2, samplesMs: [600_000], expectedMinutes: 10 })).toEqual({ p50Min: 18, p90Min: expect.any(Number), basis: 'expected' });
    const measured = estimateEta({ position: 4, openWindows: 2, samplesMs: Array(10).fill(240_000), expectedMinutes: 10 });
    expect(measured).toMatchObject({ p50Min: 7, basis: 'measured' });
    expect(measured.p90Min).toBeGreaterThan(measured.p50Min);
  });
});
