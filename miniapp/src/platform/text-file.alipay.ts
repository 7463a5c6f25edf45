import type { Platform } from './types';

// Alipay offers no general file chooser to mini-programs: officials paste the CSV instead.
export const pickTextFile: Platform['pickTextFile'] = () => Promise.resolve(null);

export const canPickTextFile = false;
