/** '' on H5 (same origin as the BFF), the BFF origin on mini-programs; see config/index.ts. */
export const API_BASE: string = typeof GOVPASS_API_BASE === 'string' ? GOVPASS_API_BASE : '';
