import type { Platform } from './types';

// Alipay cannot print: the card page asks people to save a screenshot or print it at a 社区服务点.
export const printPage: Platform['printPage'] = () => undefined;

export const canPrint = false;
