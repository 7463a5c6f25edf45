import { devAccountSwitcher } from './dev-account';
import type { Platform } from './types';

// H5 has no platform login: the BFF's dev login provider (development only) accepts `dev:<name>`.
// (A storage failure in current() still rejects: the executor turns a throw into a rejection.)
export const getLoginCode: Platform['getLoginCode'] = () =>
  new Promise((resolve) => resolve({ channel: 'h5', code: devAccountSwitcher?.current() ?? 'dev:citizen-1' }));
