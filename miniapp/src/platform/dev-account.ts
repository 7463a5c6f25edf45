import type { DevAccountSwitcher } from './types';

/** Mini-programs log in with the platform's own code; only H5 (dev-account.h5.ts) has dev accounts. */
export const devAccountSwitcher: DevAccountSwitcher | null = null;
