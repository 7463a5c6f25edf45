import { devAccountSwitcher } from './dev-account';
import type { Platform } from './types';

// H5 has no platform login: the BFF's dev login provider (development only) accepts `dev:<name>`.
export const getLoginCode: Platform['getLoginCode'] = async () => ({
  channel: 'h5',
  code: devAccountSwitcher?.current() ?? 'dev:citizen-1',
});
