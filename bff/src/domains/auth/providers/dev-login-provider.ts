import { AppError } from '../../../core/app-error';
import type { LoginProvider, PlatformIdentity } from './login-provider';

const DEV_CODE = /^dev:([a-z0-9][a-z0-9-]{0,39})$/;

/**
 * Development login for the H5 page: the "code" names the account (`dev:citizen-1`, `dev:admin`).
 * Whether this channel exists at all is the caller's decision, from config.
 */
export class DevLoginProvider implements LoginProvider {
  exchange(code: string): Promise<PlatformIdentity> {
    const match = typeof code === 'string' ? DEV_CODE.exec(code) : null;
    if (!match) return Promise.reject(new AppError(401, 'LOGIN_CODE_INVALID', 'Dev login codes look like dev:<account-name>'));
    return Promise.resolve({ channelUserId: match[1] });
  }
}
