import type { Platform } from './types';

// A web page cannot receive mini-program subscribe messages: the page offers no notification promise.
export const requestSubscribe: Platform['requestSubscribe'] = () => Promise.resolve('unsupported');
