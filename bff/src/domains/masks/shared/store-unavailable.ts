import { AppError, isAppError } from '../../../core/app-error';

/** Hot-path failures that are not decisions (connection lost, timeout) become a retryable 503. */
export function asStoreUnavailable(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError(503, 'STORE_UNAVAILABLE', 'Booking is temporarily unavailable, please retry', { cause: err, headers: { 'Retry-After': '1' } });
}
