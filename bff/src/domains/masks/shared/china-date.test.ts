import { addDays, chinaDateOf, chinaMidnight } from './china-date';
import { repeatPeriodError } from './repeat-period-error';

describe('China calendar days', () => {
  it('names the day in UTC+8 whatever the server zone', () => {
    expect(chinaDateOf(Date.parse('2020-02-02T15:59:59Z'))).toBe('2020-02-02');
    expect(chinaDateOf(Date.parse('2020-02-02T16:00:00Z'))).toBe('2020-02-03');
    expect(chinaMidnight('2020-02-03')).toBe(Date.parse('2020-02-03T00:00:00+08:00'));
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-02-29', 1)).toBe('2020-03-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('states a repeat period as the China day it ends, plus the exact instant', () => {
    const err = repeatPeriodError(Date.parse('2020-02-09T17:00:00Z'));
    expect(err).toMatchObject({ status: 409, code: 'REPEAT_PERIOD', details: { availableFrom: '2020-02-10', availableAt: '2020-02-09T17:00:00.000Z' } });
  });
});
