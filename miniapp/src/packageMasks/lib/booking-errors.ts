import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { formatDate, formatInstant, toChinaDate } from '../../utils/china-time';

function detail(error: unknown, key: string): unknown {
  if (!isApiError(error)) return undefined;
  const details = error.rawDetails;
  return details && typeof details === 'object' ? (details as Record<string, unknown>)[key] : undefined;
}

/** Before opening: when it opens. After it closed (on time, early or cancelled): when, and when the next one opens. */
function roundNotOpenMessage(error: unknown): string {
  const opensAt = detail(error, 'opensAt');
  if (typeof opensAt === 'string') return `本轮预约尚未开始，将于${formatInstant(opensAt)}开放`;
  const closedAt = detail(error, 'closedAt');
  const next = detail(error, 'nextOpensAt');
  const ended = typeof closedAt === 'string' ? `本轮预约已于${formatInstant(closedAt)}结束` : '本轮预约已经结束';
  if (typeof next === 'string') return `${ended}，下一轮将于${formatInstant(next)}开放`;
  return detail(error, 'nextOpensAt') === null ? `${ended}，下一轮开放时间还没有公布，请留意通知` : userMessage(error);
}

/**
 * What to tell the user when a booking fails, in Chinese. REPEAT_PERIOD names the day from which
 * the person may book again (details.availableFrom, a YYYY-MM-DD day or an ISO instant); a round
 * that has not opened names its opening time. `who` is 本人 or the family member's masked name.
 */
export function bookingErrorMessage(error: unknown, who: string | null = null): string {
  if (!isApiError(error)) return userMessage(error);
  switch (error.code) {
    case 'REPEAT_PERIOD': {
      const day = toChinaDate(detail(error, 'availableFrom'));
      const subject = who ? `${who}距上次领取时间过短` : '距上次领取时间过短';
      return day ? `${subject}，${formatDate(day)}之后可再次预约` : userMessage(error);
    }
    case 'ROUND_NOT_OPEN':
      return roundNotOpenMessage(error);
    case 'ALREADY_RESERVED':
      return who ? `${who}本轮已有预约或抽签申请，无需重复预约` : userMessage(error);
    default:
      return userMessage(error);
  }
}
