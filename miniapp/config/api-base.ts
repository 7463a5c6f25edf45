/** What a development build of a mini-program calls when GOVPASS_API_BASE is not set: the local BFF. */
export const DEV_API_BASE = 'http://127.0.0.1:3000';

/**
 * The BFF origin a mini-program build calls (H5 calls relative URLs and needs none). A production
 * build must name it, over https: WeChat and Alipay only call https hosts on their request domain
 * list, and a build that silently pointed at the developer's own machine would ship broken.
 */
export function apiBaseFor(target: 'weapp' | 'alipay' | 'h5', production: boolean, configured: string | undefined): string {
  if (target === 'h5') return '';
  const base = (configured ?? '').trim().replace(/\/+$/, '');
  if (!production) return base || DEV_API_BASE;
  if (base === '') {
    throw new Error(
      `GOVPASS_API_BASE is not set: a production ${target} build must name the BFF it calls, e.g. GOVPASS_API_BASE=https://api.example.gov.cn npm run build:${target} (a development build, taro build --watch, falls back to ${DEV_API_BASE}).`,
    );
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`GOVPASS_API_BASE "${base}" is not a URL: a production ${target} build needs https://<host>[:port][/path].`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`GOVPASS_API_BASE "${base}" is not https: WeChat and Alipay only call https hosts in production; use https://<host>.`);
  }
  return base;
}
