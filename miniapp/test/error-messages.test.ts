import { errorCodes } from '@govpass/shared-types';
import { ApiError } from '../src/api/api-error';
import { errorMessages, userMessage } from '../src/api/error-messages';
import { FAMILY_MEMBER_LIMIT } from '../src/api/family-contract';

const HAN = /[\u4e00-\u9fa5]/;

describe('error messages', () => {
  it.each(errorCodes)('has a Chinese message for %s', (code) => {
    expect(errorMessages[code]).toMatch(HAN);
  });

  it('has a message for the client-side codes too', () => {
    expect(errorMessages.NETWORK_ERROR).toMatch(HAN);
    expect(errorMessages.INVALID_RESPONSE).toMatch(HAN);
  });

  it('tells the user a name/ID mismatch in plain words', () => {
    const error = new ApiError({ code: 'IDENTITY_MISMATCH', status: 422, message: 'mismatch' });
    expect(userMessage(error)).toBe('姓名与身份证号不匹配，请核对后重试');
  });

  it('falls back to a generic message for anything that is not an ApiError', () => {
    expect(userMessage(new Error('boom'))).toBe('出了点问题，请稍后再试');
  });

  it('states the family limit the contract sets', () => {
    expect(errorMessages.FAMILY_LIMIT).toBe(`最多可添加${FAMILY_MEMBER_LIMIT}位家人`);
  });
});
