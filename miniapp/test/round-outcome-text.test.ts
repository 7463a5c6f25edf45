import { apiErrorFromResponse } from '../src/api/api-error';
import { errorMessages } from '../src/api/error-messages';
import { bookingErrorMessage } from '../src/packageMasks/lib/booking-errors';
import { applicationOutcomeText, applicationStatusLabels } from '../src/packageMasks/lib/mask-format';

const refusal = (details: unknown) => apiErrorFromResponse(409, { error: { code: 'ROUND_NOT_OPEN', message: 'No booking round is open now', details, requestId: 'r' } });

describe('what an applicant reads about rounds and the lottery', () => {
  it('says why an application was passed over, in plain words, not just 未中签', () => {
    expect(applicationStatusLabels.ineligible).toBe('未参加抽签');
    const text = applicationOutcomeText({ status: 'ineligible', ineligibleReason: 'HELD_RESERVATION' });
    expect(text).toContain('还有一份其他轮次的口罩预约没有领取');
    expect(text).toContain('领取或取消那份预约后');
    expect(applicationOutcomeText({ status: 'cancelled' })).toContain('本轮预约已被取消');
    expect(applicationOutcomeText({ status: 'won' })).toBeNull();
  });

  it('names when the round closed and when the next one opens', () => {
    expect(bookingErrorMessage(refusal({ opensAt: '2020-03-02T01:00:00.000Z' }))).toBe('本轮预约尚未开始，将于3月2日 09:00开放');
    expect(bookingErrorMessage(refusal({ closedAt: '2020-03-02T01:30:00.000Z', nextOpensAt: '2020-03-02T05:00:00.000Z' }))).toBe('本轮预约已于3月2日 09:30结束，下一轮将于3月2日 13:00开放');
    expect(bookingErrorMessage(refusal({ closedAt: '2020-03-02T01:30:00.000Z', nextOpensAt: null }))).toBe('本轮预约已于3月2日 09:30结束，下一轮开放时间还没有公布，请留意通知');
    expect(bookingErrorMessage(refusal(undefined))).toBe(errorMessages.ROUND_NOT_OPEN);
  });

  it('has a sentence for the administrator-side code too', () => {
    expect(errorMessages.ROUND_NOT_EDITABLE).toMatch(/不能再这样修改/);
  });
});
