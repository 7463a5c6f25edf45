/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Injected by config/index.ts (defineConstants): '' on H5, the BFF origin on weapp/alipay. */
declare const GOVPASS_API_BASE: string;

/**
 * Injected by config/index.ts (defineConstants): this target's subscribe-message template id per
 * notification template name (from GOVPASS_SUBSCRIBE_TEMPLATES_WEAPP / _ALIPAY at build time); {} on H5.
 */
declare const GOVPASS_SUBSCRIBE_TEMPLATES: Record<string, string>;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'alipay' | 'h5';
    GOVPASS_API_BASE?: string;
  }
}
