import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { formatDate } from '../../utils/china-time';

/** A refused booking in words; a no-show block says until when. */
export function bookingMessage(error: unknown): string {
  if (isApiError(error) && error.code === 'NO_SHOW_BLOCKED') {
    const details = error.rawDetails as { blockedUntil?: unknown } | undefined;
    if (details && typeof details.blockedUntil === 'string') return `近期多次预约未到，${formatDate(details.blockedUntil)}之后才能再预约`;
  }
  return userMessage(error);
}
