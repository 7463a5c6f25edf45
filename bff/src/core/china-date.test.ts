import { addDays, chinaDateOf, chinaMidnight, isRealDate } from './china-date';

describe('China calendar days', () => {
  it('names the day in UTC+8 whatever the server zone', () => {
    expect(chinaDateOf(Date.parse('2020-02-02T15:59:59Z'))).toBe('2020-02-02');
    expect(chinaDateOf(Date.parse('2020-02-02T16:00:00Z'))).toBe('2020-02-03');
    expect(chinaMidnight('2020-02-03')).toBe(Date.parse('2020-02-03T00:00:00+08:00'));
  });

  it('answers from the remembered day only inside it: both edges, going back, before 1970, and nonsense', () => {
    const midnight = Date.parse('2026-12-06T00:00:00+08:00');
    const fresh = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const ms of [midnight + 5, midnight - 1, midnight, midnight + 86_400_000 - 1, midnight + 86_400_000, midnight - 86_400_000 * 400, -1, -86_400_000 * 3 - 7, 0, midnight + 3]) {
      expect(chinaDateOf(ms)).toBe(fresh(ms));
    }
    expect(() => chinaDateOf(Number.NaN)).toThrow(RangeError);
    expect(chinaDateOf(midnight)).toBe('2026-12-06');
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-02-29', 1)).toBe('2020-03-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });


  it('knows a real calendar day from an impossible one', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
  });
});
