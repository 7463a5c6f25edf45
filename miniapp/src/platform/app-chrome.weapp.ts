import type { AppChrome } from './types';

/** WeChat draws its own title bar and back button; its text size follows the system setting. */
export const appChrome: AppChrome = {
  showElderly: () => undefined,
};
