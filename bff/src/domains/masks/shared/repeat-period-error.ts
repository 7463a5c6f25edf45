import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';

/**
 * 409 REPEAT_PERIOD as the contract states it: `availableFrom` is the China-time day the period
 * ends (YYYY-MM-DD, what the page shows); `availableAt` the exact instant, since the period is
 * counted from the time of collection (hot-path `repeatUntilOf`), not from midnight.
 */
export function repeatPeriodError(until: number): AppError {
  const availableFrom = chinaDateOf(until);
  return new AppError(409, 'REPEAT_PERIOD', `Masks were collected recently; you may book again from ${availableFrom}`, {
    details: { availableFrom, availableAt: new Date(until).toISOString() },
  });
}
