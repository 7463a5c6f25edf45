import type { AppChrome } from './types';

/** Alipay draws its own title bar and back button; its text size follows the system setting. */
export const appChrome: AppChrome = {
  showElderly: () => undefined,
};
