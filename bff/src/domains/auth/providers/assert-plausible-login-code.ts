import { AppError } from '../../../core/app-error';

/** Same bound as the LoginRequest contract; anything longer is not a platform code. */
const MAX_CODE_LENGTH = 512;

/**
 * Refuses codes no platform would issue before a round trip is spent on them (and before a
 * control character could end up in an upstream URL or log line).
 */
export function assertPlausibleLoginCode(code: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH || /[\u0000-\u001f\u007f\s]/.test(code)) {
    throw new AppError(401, 'LOGIN_CODE_INVALID', 'The login code is invalid or has expired');
  }
}
