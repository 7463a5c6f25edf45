import type { Middleware } from 'koa';

/**
 * Headers for both the API and the H5 page served beside it. The CSP allows only our own
 * scripts; inline styles stay allowed because Taro's H5 runtime sets style attributes.
 */
export interface SecurityHeaderOptions {
  hsts: boolean;
  scriptHashes?: string[];
}

/** The headers every response carries, computed once (also for answers given before the middleware). */
export function securityHeaderList(opts: SecurityHeaderOptions): [string, string][] {
  const scriptSrc = ["'self'", ...(opts.scriptHashes ?? [])].join(' ');
  const list: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()'],
    [
      'Content-Security-Policy',
      `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src ${scriptSrc}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'`,
    ],
  ];
  if (opts.hsts) list.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return list;
}

export function securityHeaders(opts: SecurityHeaderOptions): Middleware {
  const list = securityHeaderList(opts);
  return async (ctx, next) => {
    for (const [name, value] of list) ctx.set(name, value);
    await next();
  };
}
