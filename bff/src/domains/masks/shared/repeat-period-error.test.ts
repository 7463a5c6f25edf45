import { repeatPeriodError } from './repeat-period-error';

describe('repeat period', () => {
  it('states a repeat period as the China day it ends, plus the exact instant', () => {
    const err = repeatPeriodError(Date.parse('2020-02-09T17:00:00Z'));
    expect(err).toMatchObject({ status: 409, code: 'REPEAT_PERIOD', details: { availableFrom: '2020-02-10', availableAt: '2020-02-09T17:00:00.000Z' } });
  });
});
